// The web app's pages: one HTML shell for every page path and the bundled client (script chunks,
// stylesheet) it loads from /app/, as `npm run build:web` wrote them into dist/web (docs/ARCHITECTURE.md,
// "Web client"), read into memory once. Public on purpose: the shell holds no data; every datum comes from
// the API, which checks who asks. Strict security headers: scripts and styles only from this origin, no framing.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { PAGE_PATHS } from '../client/page-paths.js';

/** The folder holding package.json: found by walking up, so this works from the sources and from a compiled copy. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const ROOT = packageRoot(import.meta.dirname);
/** The client's sources (TypeScript, the shell, the stylesheet). */
export const CLIENT_SOURCE_DIR = join(ROOT, 'src/web/client');
/** The built client that is served (kept out of git). */
export const CLIENT_DIR = join(ROOT, 'dist/web');

/** Paths the browser may open directly (bookmarks, reloads): the client's pages; the client routes between them. */
export const SHELL_PATHS = ['/', ...PAGE_PATHS] as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    assets.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  return assets;
}

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function send(reply: FastifyReply, asset: Asset, ifNoneMatch: string | undefined): FastifyReply {
  void reply
    .header('content-type', asset.type)
    .header('cache-control', 'no-cache')
    .header('etag', asset.etag)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin');
  if (asset.type.startsWith('text/html')) void reply.header('content-security-policy', CSP).header('x-frame-options', 'DENY');
  if (ifNoneMatch === asset.etag) return reply.code(304).send();
  return reply.send(asset.body);
}

export function webPagesRoutes(options: { dir?: string } = {}): FastifyPluginAsync {
  return async (app) => {
    const dir = options.dir ?? CLIENT_DIR;
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`web client not built: no index.html in ${dir}. Run npm run build (npm ci does it).`);
    const assets = loadAssets(dir);
    const shell = assets.get('index.html')!;
    for (const url of SHELL_PATHS) {
      app.get(url, { config: { permission: 'public' } }, async (request, reply) => send(reply, shell, request.headers['if-none-match']));
    }
    app.get('/app/:file', { config: { permission: 'public' } }, async (request, reply) => {
      const asset = assets.get((request.params as { file: string }).file);
      if (!asset) return reply.code(404).send({ error: 'not found' });
      return send(reply, asset, request.headers['if-none-match']);
    });
  };
}
