// The JSON API as the pages use it, typed by the app's own OpenAPI document (schema.generated.ts): a path
// is one the server declares, `path`/`query`/`body` are what that route takes and the promise holds what
// it answers. The session cookie goes along by itself, the CSRF token is sent with every change, and
// errors become ApiError with the server's message and the field to blame.
import type { paths } from './schema.generated.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The API paths that answer `method`, as the OpenAPI document writes them: '/api/projects/{name}'. */
export type ApiPath<M extends Method> = { [P in keyof paths]: paths[P][M] extends undefined ? never : P }[keyof paths];
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : null;
type SuccessOf<R> = R extends { 200: infer S } ? JsonOf<S> : R extends { 201: infer S } ? JsonOf<S> : R extends { 202: infer S } ? JsonOf<S> : null;
/** What a route answers on success (null for 204). */
export type ApiResult<P extends keyof paths, M extends Method> = Operation<P, M> extends { responses: infer R } ? SuccessOf<R> : never;

type PathOption<O> = O extends { parameters: { path: infer X } } ? { path: X } : { path?: never };
type QueryOption<O> = O extends { parameters: { query?: infer Q } } ? ([Q] extends [undefined] ? { query?: never } : { query?: Q }) : { query?: never };
type BodyOption<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? { body: B } : { body?: never };
export type RequestOptions<O> = PathOption<O> & QueryOption<O> & BodyOption<O>;
/** Options are required when the route has path parameters or a body. */
type Args<O> = O extends { parameters: { path: object } } | { requestBody: object } ? [options: RequestOptions<O>] : [options?: RequestOptions<O>];

interface LooseOptions {
  path?: object;
  query?: object;
  body?: unknown;
}

let csrfToken: string | null = null;
let onSignedOut: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for requests made without `api` (DICOMweb uploads). */
export function csrfTokenValue(): string | null {
  return csrfToken;
}

/** Called when the server says the session is gone (401), e.g. to show the sign-in page. */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

// 401 from these means "wrong password", not "your session has ended".
const CREDENTIAL_CHECKS = new Set(['/api/session', '/api/session/password']);

/** '/api/projects/{name}' + { name: 'a b' } → '/api/projects/a%20b', plus the query without empty values. */
export function url(template: string, options: LooseOptions = {}): string {
  const params = (options.path ?? {}) as Record<string, string | number>;
  const path = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (params[key] === undefined) throw new Error(`${template}: no value for {${key}}`);
    return encodeURIComponent(String(params[key]));
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function send(method: string, template: string, options: LooseOptions = {}, raw?: { text: string; contentType: string }): Promise<unknown> {
  const hasBody = raw !== undefined || options.body !== undefined;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = raw?.contentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url(template, options), { method, headers, credentials: 'same-origin', body: raw ? raw.text : hasBody ? JSON.stringify(options.body) : undefined });
  } catch {
    throw new ApiError(0, 'Fiona cannot be reached. Check your connection and try again.');
  }
  if (res.status === 204) return null;
  const data = (await res.json().catch(() => null)) as { error?: string; field?: string } | null;
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after')) || undefined;
    const error = new ApiError(res.status, data?.error ?? `${res.status} ${res.statusText}`, data?.field, retry);
    if (res.status === 401 && !CREDENTIAL_CHECKS.has(template) && onSignedOut) onSignedOut();
    throw error;
  }
  return data;
}

export const api = {
  get: <P extends ApiPath<'get'>>(path: P, ...[options]: Args<Operation<P, 'get'>>) => send('GET', path, options) as Promise<ApiResult<P, 'get'>>,
  post: <P extends ApiPath<'post'>>(path: P, ...[options]: Args<Operation<P, 'post'>>) => send('POST', path, { body: {}, ...options }) as Promise<ApiResult<P, 'post'>>,
  put: <P extends ApiPath<'put'>>(path: P, ...[options]: Args<Operation<P, 'put'>>) => send('PUT', path, options) as Promise<ApiResult<P, 'put'>>,
  patch: <P extends ApiPath<'patch'>>(path: P, ...[options]: Args<Operation<P, 'patch'>>) => send('PATCH', path, options) as Promise<ApiResult<P, 'patch'>>,
  delete: <P extends ApiPath<'delete'>>(path: P, ...[options]: Args<Operation<P, 'delete'>>) => send('DELETE', path, options) as Promise<ApiResult<P, 'delete'>>,
  /** A POST whose body is text as it is (e.g. a CSV file as text/csv), not JSON. */
  postText: <P extends ApiPath<'post'>>(path: P, options: RequestOptions<Operation<P, 'post'>>, text: string, contentType: string) =>
    send('POST', path, options, { text, contentType }) as Promise<ApiResult<P, 'post'>>,
};
