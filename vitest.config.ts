import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The web client is bundled once before the tests (the same build as npm run build:web).
    globalSetup: ['test/support/build-web.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests start real peers (storescp, Orthanc, PostgreSQL databases) on free ports; two workers suit the 2-core machines.
    maxWorkers: 2,
    env: { TCP_NODELAY: '1' },
  },
});
