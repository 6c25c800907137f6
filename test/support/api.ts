// An API under test: the real Fastify app over the composition root (composeWebApp, nothing started) on a
// fresh test database, a signed-in admin, and helpers to make users with API tokens and call the API as them.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { composeWebApp, type ComposeOptions, type Services } from '../../src/composition.js';
import { loadConfig } from '../../src/platform/config.js';
import { silentLogger, type Logger } from '../../src/platform/logger.js';
import type { Db } from '../../src/platform/db/database.js';
import { dateOffsetDays } from '../../src/pipeline/deid/dates.js';
import { openDatabase } from '../../src/platform/db/database.js';
import type { TestDatabase } from './databases.js';
import { TEST_CONFIG } from './test-config.js';

export const ADMIN_PASSWORD = 'first start secret 42';
export const PASSWORD = 'correct horse battery staple';
const testActor = { userId: null, username: 'test', via: 'system' as const };
/** The installation key of the API under test (no key file is written). */
export const TEST_KEY = Buffer.alloc(32, 7);

export interface Caller {
  username: string;
  token: string;
  call(method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export interface Api {
  app: FastifyInstance;
  db: Db;
  services: Services;
  admin: Caller;
  /** An anonymous caller: no token, no cookie. */
  call(method: InjectOptions['method'], url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Create a user (password PASSWORD) with an API token (one that may create tokens, as scripts' tokens often are). */
  user(username: string, options?: { isAdmin?: boolean }): Promise<Caller>;
  /** Sign in through POST /api/session: the cookie header and CSRF token. */
  signIn(username: string, password?: string): Promise<{ cookie: string; csrfToken: string; response: LightMyRequestResponse }>;
  close(): Promise<void>;
}

export async function startApi(create: () => Promise<TestDatabase>, options: { logger?: Logger; config?: Record<string, unknown>; compose?: ComposeOptions } = {}): Promise<Api> {
  const target = await create();
  const db = await openDatabase(target.url);
  const { app, fiona } = await composeWebApp(
    { db, logger: options.logger ?? silentLogger, config: loadConfig({ env: {}, overrides: { ...TEST_CONFIG, ...options.config } }) },
    { ...options.compose, firstAdmin: { password: ADMIN_PASSWORD }, dateOffsetDays: (project, participant, o) => dateOffsetDays(TEST_KEY, project, participant, o) },
  );
  await app.ready();
  const { services } = fiona;
  const inject = (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });
  const caller = (username: string, token: string): Caller => ({ username, token, call: (method, url, payload) => inject(method, url, payload, { authorization: `Bearer ${token}` }) });
  const admin = caller('admin', (await services.auth.createToken('admin', 'tests', testActor, { mayCreateTokens: true })).secret);
  return {
    app,
    db,
    services,
    admin,
    call: inject,
    async user(username, opts = {}) {
      await services.auth.createUser({ username, password: PASSWORD, isAdmin: opts.isAdmin ?? false }, testActor);
      return caller(username, (await services.auth.createToken(username, 'tests', testActor, { mayCreateTokens: true })).secret);
    },
    async signIn(username, password = PASSWORD) {
      const response = await inject('POST', '/api/session', { username, password });
      const cookie = String(response.headers['set-cookie'] ?? '').split(';')[0];
      return { cookie, csrfToken: response.statusCode === 200 ? (response.json() as { csrfToken: string }).csrfToken : '', response };
    },
    async close() {
      await app.close();
      await db.close();
      await target.drop();
    },
  };
}

/** A valid project body, changed by `changes`. */
export function projectBody(name: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, participantPattern: `${name.slice(0, 3)}-\\d{3}`, events: ['baseline', 'followup'], destination: { aet: 'RPACS', host: 'pacs.example.org', port: 104 }, rekNumber: '2024/1234', startDate: '2024-01-01', endDate: '2099-12-31', principalInvestigator: 'Dr. Pi', ...changes };
}
