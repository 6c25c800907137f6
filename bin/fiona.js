#!/usr/bin/env node
// The fiona command. Runs the JavaScript that `npm run build` (run by `npm ci`) compiled into dist/server,
// so no TypeScript compiler runs at start. Without a build (a checkout before `npm run build`) it falls
// back to the sources through tsx, and says so.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/server/main.js', import.meta.url);
if (existsSync(compiled)) await import(compiled.href);
else {
  process.stderr.write('fiona: dist/server is not built (npm run build); running the TypeScript sources\n');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
