// Directory accounts in storage, on both engines: the migration's columns and index, an account made once
// per issuer and subject (two sign-ins at the same moment make one), the provider's site role applied at
// each sign-in, a disabled account refused, and OpenID Connect sign-ins under way taken exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../src/platform/audit/audit.js';
import { oidcSignInsRepository } from '../src/platform/auth/oidc-sign-ins.js';
import { AuthService } from '../src/platform/auth/service.js';
import { sessionsRepository } from '../src/platform/auth/sessions.js';
import { tokensRepository } from '../src/platform/auth/tokens.js';
import { usersRepository } from '../src/platform/auth/users.js';
import { engines, openTestDb } from './support/databases.js';

describe.each(engines)('directory accounts on $engine', ({ create }) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let auth: AuthService;

  beforeEach(async () => {
    db = await openTestDb(create);
    auth = new AuthService({ users: usersRepository(db), sessions: sessionsRepository(db), tokens: tokensRepository(db), audit: createAuditLog(db) });
  });
  afterEach(async () => {
    await db.drop();
  });

  it('one account per issuer and subject, even for two sign-ins at once; the role follows the provider', async () => {
    const identity = { externalId: 'https://idp.example.org sub-1', username: 'Eva.E', displayName: 'Eva', isAdmin: false };
    const [a, b] = await Promise.all([auth.signInWithProvider(identity, '10.0.0.1'), auth.signInWithProvider(identity, '10.0.0.2')]);
    expect(a.user.id).toBe(b.user.id);
    expect((await auth.listUsers()).map((u) => [u.username, u.authSource])).toEqual([['eva.e', 'oidc']]);
    // The username may change at the provider; the account is found by subject and keeps its name.
    const promoted = await auth.signInWithProvider({ ...identity, username: 'renamed', isAdmin: true }, null);
    expect(promoted.user).toMatchObject({ username: 'eva.e', isAdmin: true });
    // Another subject with the same username is refused.
    await expect(auth.signInWithProvider({ ...identity, externalId: 'https://idp.example.org sub-2' }, null)).rejects.toThrow(/already exists/);
    await auth.updateUser('eva.e', { disabled: true }, { userId: null, username: 'test', via: 'system' });
    await expect(auth.signInWithProvider(identity, null)).rejects.toThrow(/disabled/);
  });

  it('a sign-in under way is taken once', async () => {
    const requests = oidcSignInsRepository(db);
    const now = new Date();
    await requests.insert('state-1', { browserHash: 'b', codeVerifier: 'v', nonce: 'n', returnTo: '/x', createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 60_000).toISOString() });
    const taken = await Promise.all([requests.take('state-1'), requests.take('state-1')]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(taken.find(Boolean)).toMatchObject({ codeVerifier: 'v', nonce: 'n', returnTo: '/x' });
    expect(await requests.take('state-1')).toBeUndefined();
  });
});
