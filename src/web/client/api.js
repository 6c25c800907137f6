// The JSON API as the pages use it: the session cookie goes along by itself, the CSRF token is sent
// with every change, and errors become ApiError with the server's message and the field to blame.

export class ApiError extends Error {
  constructor(status, message, field, retryAfter) {
    super(message);
    this.status = status;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

let csrfToken = null;
let onSignedOut = null;

export function setCsrfToken(token) {
  csrfToken = token;
}

/** Called when the server says the session is gone (401), e.g. to show the sign-in page. */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

// 401 from these means "wrong password", not "your session has ended".
const CREDENTIAL_CHECKS = new Set(['/api/session', '/api/session/password']);

/** `body` is sent as JSON, or as it is with `contentType` (e.g. a CSV file's text as text/csv). */
export async function api(method, url, body, contentType) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = contentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : contentType ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'Fiona cannot be reached. Check your connection and try again.');
  }
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after')) || undefined;
    const error = new ApiError(res.status, data?.error ?? `${res.status} ${res.statusText}`, data?.field, retry);
    if (res.status === 401 && !CREDENTIAL_CHECKS.has(url) && onSignedOut) onSignedOut();
    throw error;
  }
  return data;
}

export const get = (url) => api('GET', url);
export const post = (url, body = {}) => api('POST', url, body);
export const patch = (url, body) => api('PATCH', url, body);
export const del = (url) => api('DELETE', url);
export const postText = (url, text, contentType) => api('POST', url, text, contentType);

export function query(params) {
  const q = new window.URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// What each project role may do (mirrors the server's rules; the server decides, this only shapes the page).
const ROLE_PERMISSIONS = {
  owner: ['project:read', 'members:manage', 'participants:read', 'participants:manage', 'studies:assign'],
  'data-manager': ['project:read', 'participants:read', 'participants:manage', 'studies:assign'],
  'data-entry': ['project:read', 'participants:read', 'studies:assign'],
  viewer: ['project:read', 'participants:read'],
};

export const PROJECT_ROLES = Object.keys(ROLE_PERMISSIONS);

export function may(session, project, permission) {
  if (session.user.isAdmin) return true;
  return Boolean(project.myRole && ROLE_PERMISSIONS[project.myRole]?.includes(permission));
}
