// Builds the web client: src/web/client (TypeScript + Preact) → dist/web (main.js, lazily loaded page
// chunks, styles, shell), with esbuild. Run by `npm run build:web` (from `npm run build`, which `npm ci`
// runs through `prepare`) and by the tests' global setup, so tests serve exactly this bundle.
// Type-checking is not esbuild's job: `tsc -p src/web/client` does it (npm run typecheck, npm test).
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, context, type BuildOptions } from 'esbuild';
import { CLIENT_DIR, CLIENT_SOURCE_DIR } from './plugins/web-pages.js';

/** Files copied as they are; everything else reaches the browser through the bundle. */
const STATIC_FILES = ['index.html', 'styles.css', 'favicon.svg'];

function options(outdir: string): BuildOptions {
  return {
    entryPoints: [join(CLIENT_SOURCE_DIR, 'main.ts')],
    outdir,
    bundle: true,
    format: 'esm',
    // Each page is its own chunk, loaded when first opened (src/web/client/pages.ts).
    splitting: true,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  };
}

function copyStatic(outdir: string): void {
  mkdirSync(outdir, { recursive: true });
  for (const name of STATIC_FILES) copyFileSync(join(CLIENT_SOURCE_DIR, name), join(outdir, name));
}

/** One build into a fresh folder, then swapped in, so a server starting meanwhile never reads half a build. */
export async function buildWebClient(): Promise<{ outdir: string; ms: number }> {
  const started = performance.now();
  const staging = `${CLIENT_DIR}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  await build(options(staging));
  copyStatic(staging);
  const old = `${CLIENT_DIR}.${process.pid}.old`;
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(CLIENT_DIR, old);
  } catch {
    // first build: nothing to move away
  }
  renameSync(staging, CLIENT_DIR);
  rmSync(old, { recursive: true, force: true });
  return { outdir: CLIENT_DIR, ms: Math.round(performance.now() - started) };
}

/** Rebuilds on every change (npm run dev:web); restart `fiona serve` to serve the new files. */
export async function watchWebClient(): Promise<void> {
  copyStatic(CLIENT_DIR);
  const ctx = await context({ ...options(CLIENT_DIR), logLevel: 'info' });
  await ctx.watch();
}
