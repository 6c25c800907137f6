// GET /metrics: Prometheus text format. Not part of the API (no session, no OpenAPI entry): Prometheus
// scrapes it from an allow-listed address (metrics.allow, loopback by default) or with the bearer token
// metrics.token. The numbers carry no patient data, but they do tell how busy the site is, so not public.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';

export interface MetricsEndpoint {
  text(): Promise<string>;
  contentType: string;
  allow: readonly string[];
  token?: string;
}

function tokenMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export function metricsRoutes(metrics: MetricsEndpoint): FastifyPluginAsync {
  return async (app) => {
    app.get('/metrics', { config: { permission: 'public', ownCredentials: true } }, async (request, reply) => {
      const address = request.socket.remoteAddress ?? '';
      if (!metrics.allow.includes(address) && !tokenMatches(request.headers.authorization, metrics.token)) {
        return reply.code(403).type('text/plain').send('metrics are served to allow-listed addresses (metrics.allow) or with the metrics token\n');
      }
      return reply.type(metrics.contentType).send(await metrics.text());
    });
  };
}
