// Declaring a route: method, URL, summary, the permission it needs, and zod schemas for its parameters,
// query and body. The same declaration validates requests (400 naming the field), drives the access
// check (web/permissions) and generates the OpenAPI document (plugins/openapi). Usage, in a plugin:
//
//   defineRoute(app, {
//     method: 'POST', url: '/api/projects/:name/participants', summary: 'Register a participant',
//     tags: ['participants'], permission: { project: 'participants:manage' },
//     params: z.object({ name: z.string() }), body: z.object({ id: z.string() }), status: 201,
//     handler: async ({ params, body, auth }) => …,
//   });
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z, ZodIssue, ZodTypeAny } from 'zod';
import { AppError, BadRequestError, TooManyRequestsError } from '../platform/errors.js';
import type { Permission, RequestAuth } from './permissions.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Infer<T> = T extends ZodTypeAny ? z.infer<T> : undefined;

export interface RouteContext<P extends Permission, TParams, TQuery, TBody> {
  request: FastifyRequest;
  reply: FastifyReply;
  params: Infer<TParams>;
  query: Infer<TQuery>;
  body: Infer<TBody>;
  /** Who is calling; always set unless the route is public. */
  auth: P extends 'public' ? RequestAuth | null : RequestAuth;
}

export interface RouteDoc {
  method: HttpMethod;
  url: string;
  summary: string;
  description?: string;
  tags?: string[];
  permission: Permission;
  params?: ZodTypeAny;
  query?: ZodTypeAny;
  body?: ZodTypeAny;
  /** The success response, for the documentation. */
  response?: ZodTypeAny;
  /** Success status (default 200; 204 sends no body). */
  status?: number;
  /** The success response's media type, where it is not JSON (DICOMweb: application/dicom+json, multipart/related, image/png). */
  responseType?: string;
  /** The request body's media type, where it is not JSON (STOW-RS: multipart/related); the handler reads the stream. */
  requestType?: string;
  /** Other success statuses and what they mean (STOW-RS: 202 some stored, 409 none). */
  otherResponses?: Record<string, string>;
  /** Query keys for the document only, where the handler reads the raw query itself (QIDO-RS takes any attribute as a key). */
  documentedQuery?: ZodTypeAny;
}

export interface RouteSpec<P extends Permission, TParams extends ZodTypeAny | undefined, TQuery extends ZodTypeAny | undefined, TBody extends ZodTypeAny | undefined> extends RouteDoc {
  permission: P;
  params?: TParams;
  query?: TQuery;
  body?: TBody;
  handler(ctx: RouteContext<P, TParams, TQuery, TBody>): Promise<unknown>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    doc?: RouteDoc;
  }
}

function issueToError(issue: ZodIssue, where: string): BadRequestError {
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0]].join('.');
    return new BadRequestError(`${field}: unknown field`, field);
  }
  const field = issue.path.join('.') || where;
  return new BadRequestError(`${field}: ${issue.message}`, field);
}

function parse<T extends ZodTypeAny | undefined>(schema: T, value: unknown, where: string): Infer<T> {
  if (!schema) return undefined as Infer<T>;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw issueToError(result.error.issues[0], where);
  return result.data as Infer<T>;
}

export function defineRoute<P extends Permission, TParams extends ZodTypeAny | undefined = undefined, TQuery extends ZodTypeAny | undefined = undefined, TBody extends ZodTypeAny | undefined = undefined>(
  app: FastifyInstance,
  spec: RouteSpec<P, TParams, TQuery, TBody>,
): void {
  const { handler, ...doc } = spec;
  app.route({
    method: spec.method,
    url: spec.url,
    config: { permission: spec.permission, doc },
    handler: async (request, reply) => {
      const params = parse<TParams>(spec.params as TParams, request.params, 'params');
      const query = parse<TQuery>(spec.query as TQuery, request.query, 'query');
      const body = parse<TBody>(spec.body as TBody, request.body, 'body');
      const result = await handler({ request, reply, params, query, body, auth: request.auth as RouteContext<P, TParams, TQuery, TBody>['auth'] });
      if (reply.sent) return reply;
      // A handler may set its own status (STOW-RS answers 200, 202 or 409 by what was stored).
      const status = reply.statusCode !== 200 ? reply.statusCode : (spec.status ?? 200);
      if (status === 204 || result === undefined) return reply.code(status === 200 && result === undefined ? 204 : status).send();
      return reply.code(status).send(result);
    },
  });
}

/** Errors as JSON `{ error, field? }` with the status the error carries; anything unexpected is a logged 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      if (err instanceof TooManyRequestsError) void reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.code(err.status).send(err.field ? { error: err.message, field: err.field } : { error: err.message });
    }
    const status = (err as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.code(status).send({ error: err.message });
    }
    request.log.error({ err, url: request.url }, 'request failed');
    return reply.code(500).send({ error: 'internal error' });
  });
}
