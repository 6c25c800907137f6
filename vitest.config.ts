import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The web client is bundled once before the tests (the same build as npm run build:web).
    // PostgreSQL test databases are copies of one migrated at the start (test/support/pg-template.ts).
    globalSetup: ['test/support/build-web.ts', 'test/support/pg-template.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests start real peers (storescp, Orthanc, PostgreSQL databases) on free ports; two workers suit the 2-core machines.
    maxWorkers: 2,
    // A page's answer (a sign-in hashes the password even for unknown users) can take seconds on a loaded
    // 2-core machine; expect.poll's default of 1 s measured the machine, not the page.
    expect: { poll: { timeout: 15_000 } },
    env: { TCP_NODELAY: '1' },
  },
});
