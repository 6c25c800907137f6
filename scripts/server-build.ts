// Compiles the server (the fiona command and the preparation pool's worker thread) to JavaScript in
// dist/server with esbuild, so `fiona` starts without a TypeScript compiler: run by `npm run build:server`
// (from `npm run build`, which `npm ci` runs through `prepare`) and by the tests' global setup, so tests
// start the compiled command they ship. Packages stay external (loaded from node_modules); each command's
// code is its own chunk, loaded when that command runs, so `fiona --help` reads only the command table.
// Type-checking is tsc's job (npm run typecheck).
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const ROOT = dirname(import.meta.dirname);
/** Not bundled: native addons (ssh2's optional crypto binding too), WebAssembly codecs (loaded by path), optional peers, and esbuild itself. */
const EXTERNAL = ['better-sqlite3', 'ssh2', 'pg-native', '@cornerstonejs/*', '@napi-rs/canvas', 'esbuild', 'tsx', 'typescript', 'playwright-core'];

export const SERVER_DIR = join(ROOT, 'dist/server');

/** One build into a fresh folder, then swapped in whole, so a command starting meanwhile never reads half a build. */
export async function buildServer(): Promise<{ outdir: string; ms: number }> {
  const started = performance.now();
  const staging = `${SERVER_DIR}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(ROOT, 'src/cli/main.ts'), 'prepare-worker': join(ROOT, 'src/pipeline/forward/prepare-worker.ts') },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages are bundled too: resolving and reading hundreds of small files from node_modules was most of
    // `fiona serve`'s start. Native modules, and what loads files beside itself, stay external.
    external: EXTERNAL,
    // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none of its own.
    banner: { js: "import { createRequire as __fionaRequire } from 'node:module'; const require = __fionaRequire(import.meta.url);" },
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  const old = `${SERVER_DIR}.${process.pid}.old`;
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(SERVER_DIR, old);
  } catch {
    // first build: nothing to move away
  }
  renameSync(staging, SERVER_DIR);
  rmSync(old, { recursive: true, force: true });
  return { outdir: SERVER_DIR, ms: Math.round(performance.now() - started) };
}
