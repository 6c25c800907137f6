// GET /api/openapi.json: the API described from the route declarations themselves (web/routes), so the
// document cannot drift from what the server does. Each operation names its permission in `x-permission`.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeAny } from 'zod';
import { toJsonSchema } from '../json-schema.js';
import { permissionName, SESSION_COOKIE, type Permission } from '../permissions.js';
import { defineRoute, type RouteDoc } from '../routes.js';

/** A registered route as the document needs it; collected by buildApp's onRoute hook. */
export interface RouteRecord {
  method: string;
  url: string;
  permission: Permission;
  doc?: RouteDoc;
}

const errorSchema = { type: 'object', properties: { error: { type: 'string' }, field: { type: 'string', description: 'the request field to blame' } }, required: ['error'] };
const errorResponses: Record<string, string> = {
  '400': 'malformed request; `field` names the field',
  '401': 'not signed in, or the API token is not valid',
  '403': 'not allowed (or a missing X-CSRF-Token on a cookie session)',
  '404': 'not found, or not visible to you',
  '409': 'conflicts with what exists',
  '422': 'breaks a rule; `field` names the field',
};

const BINARY = { type: 'string', format: 'binary' };

/** The success body: JSON by the declared schema, or another media type (binary unless a schema is declared). */
function successContent(doc: RouteDoc | undefined): Record<string, unknown> {
  const type = doc?.responseType ?? 'application/json';
  if (doc?.response) return { content: { [type]: { schema: toJsonSchema(doc.response) } } };
  return doc?.responseType ? { content: { [type]: { schema: BINARY } } } : {};
}

function parameters(schema: ZodTypeAny | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = toJsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) };
  });
}

export function buildOpenApi(routes: readonly RouteRecord[], version = '0.1.0'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.method === 'HEAD' || route.method === 'OPTIONS') continue;
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const doc = route.doc;
    const method = route.method.toLowerCase();
    const status = String(doc?.status ?? 200);
    const operation: Record<string, unknown> = {
      operationId: `${method}${path.replace(/[{}]/g, '').split(/[/._-]/).filter(Boolean).map((s) => s[0].toUpperCase() + s.slice(1)).join('')}`,
      summary: doc?.summary ?? `${route.method} ${route.url}`,
      ...(doc?.description ? { description: doc.description } : {}),
      ...(doc?.tags ? { tags: doc.tags } : {}),
      'x-permission': permissionName(route.permission),
      security: route.permission === 'public' ? [] : [{ bearer: [] }, { session: [] }],
      parameters: [...parameters(doc?.params, 'path'), ...parameters(doc?.query ?? doc?.documentedQuery, 'query')],
      responses: {
        [status]: status === '204' ? { description: 'done' } : { description: 'success', ...successContent(doc) },
        ...Object.fromEntries(Object.entries(doc?.otherResponses ?? {}).map(([code, description]) => [code, { description, ...successContent(doc) }])),
        ...Object.fromEntries(
          Object.entries(errorResponses)
            .filter(([code]) => route.permission !== 'public' || !['401', '403'].includes(code))
            .map(([code, description]) => [code, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
        ),
      },
    };
    if (doc?.body) operation.requestBody = { required: true, content: { 'application/json': { schema: toJsonSchema(doc.body) } } };
    if (doc?.requestType) operation.requestBody = { required: true, content: { [doc.requestType]: { schema: BINARY } } };
    paths[path] = { ...paths[path], [method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Fiona API', version, description: 'Research imaging gateway. Authenticate with `Authorization: Bearer <token>` or the session cookie from POST /api/session (then send X-CSRF-Token with every change). JSON fields are camelCase. DICOMweb (PS3.18: QIDO-RS, WADO-RS, STOW-RS) per project under /dicomweb/{name}/, with the same authentication and the project roles.' },
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'an API token (fiona token create <user>)' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'set by POST /api/session; changes also need the X-CSRF-Token header' },
      },
    },
  };
}

export function openApiRoutes(deps: { routes: readonly RouteRecord[] }): FastifyPluginAsync {
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/openapi.json',
      summary: 'This API, described in OpenAPI 3.1',
      tags: ['meta'],
      permission: 'public',
      handler: async () => buildOpenApi(deps.routes),
    });
  };
}
