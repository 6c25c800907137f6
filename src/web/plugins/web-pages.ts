// The web app's pages: one HTML shell for every page path and the browser modules and stylesheet it
// loads from /app/. No build step: the client is plain ES modules (see README, "The web app"), read
// into memory once. Public on purpose: the shell holds no data; every datum comes from the API, which
// checks who asks. Strict security headers: scripts and styles only from this origin, no framing.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

export const CLIENT_DIR = join(import.meta.dirname, '../client');

/** Paths the browser may open directly (bookmarks, reloads); the client routes between them. */
export const PAGE_PATHS = ['/', '/sign-in', '/assign', '/transfers', '/projects', '/projects/:name', '/users', '/account'] as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
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
    const assets = loadAssets(options.dir ?? CLIENT_DIR);
    const shell = assets.get('index.html');
    if (!shell) throw new Error(`web client missing: no index.html in ${options.dir ?? CLIENT_DIR}`);
    for (const url of PAGE_PATHS) {
      app.get(url, { config: { permission: 'public' } }, async (request, reply) => send(reply, shell, request.headers['if-none-match']));
    }
    app.get('/app/:file', { config: { permission: 'public' } }, async (request, reply) => {
      const asset = assets.get((request.params as { file: string }).file);
      if (!asset) return reply.code(404).send({ error: 'not found' });
      return send(reply, asset, request.headers['if-none-match']);
    });
  };
}
