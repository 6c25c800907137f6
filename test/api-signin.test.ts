// Sign-in hardening (issue 12, item 8): unknown users and wrong passwords get the same answer, the same
// pauses and the same work (the password hash always runs: measured as CPU time, which a busy machine does
// not inflate the way it does wall time); pauses are per account *and* address, so one address cannot lock
// a user out elsewhere, and X-Forwarded-For counts only from a trusted proxy; common passwords are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase } from './support/databases.js';
import { PASSWORD, startApi, type Api } from './support/api.js';

const signIn = (api: Api, username: string, password: string, from?: string) =>
  api.call('POST', '/api/session', { username, password }, from ? { 'x-forwarded-for': from } : {});

describe('sign-in behind a trusted proxy', () => {
  let api: Api;
  beforeAll(async () => {
    // app.inject() requests come from 127.0.0.1: that is the proxy here.
    api = await startApi(createSqliteDatabase, { config: { 'http.trustProxy': ['127.0.0.1'] } });
  });
  afterAll(async () => api?.close());

  it('answers an unknown user exactly as a wrong password, pauses both alike, and hashes for both', async () => {
    await api.user('si-real');
    // The first failed sign-in of the process also pays for warming up (compiling, the hash pool's first
    // task); it goes to a third user from a third address so that neither measured side carries it.
    await api.user('si-warm');
    expect((await signIn(api, 'si-warm', 'wrong password', '10.1.0.9')).statusCode).toBe(401);
    const cpu = async (username: string, from: string) => {
      const bodies: string[] = [];
      const before = process.cpuUsage();
      for (let i = 0; i < 5; i++) {
        const res = await signIn(api, username, `wrong password ${i}`, from);
        expect(res.statusCode).toBe(401);
        bodies.push(res.body);
      }
      const used = process.cpuUsage(before);
      return { bodies, ms: (used.user + used.system) / 1000 };
    };
    const real = await cpu('si-real', '10.1.0.1');
    const ghost = await cpu('si-ghost', '10.1.0.2');
    expect(new Set([...real.bodies, ...ghost.bodies]).size).toBe(1);
    expect(JSON.parse(real.bodies[0]).error).toBe('wrong username or password');
    // The sixth try: both paused, with the same words.
    const realPaused = await signIn(api, 'si-real', PASSWORD, '10.1.0.1');
    const ghostPaused = await signIn(api, 'si-ghost', PASSWORD, '10.1.0.2');
    expect([realPaused.statusCode, ghostPaused.statusCode]).toEqual([429, 429]);
    expect(realPaused.json().error.replace(/\d+/g, 'N')).toBe(ghostPaused.json().error.replace(/\d+/g, 'N'));
    console.log(`CPU for 5 failed sign-ins: real user ${real.ms.toFixed(0)} ms, unknown user ${ghost.ms.toFixed(0)} ms`);
    // scrypt dominates either way; without the hash an unknown user would cost a few ms.
    expect(ghost.ms).toBeGreaterThan(real.ms * 0.5);
    expect(real.ms).toBeGreaterThan(ghost.ms * 0.5);
  });

  it('pauses an account only for the address that failed: the user still signs in from elsewhere', async () => {
    await api.user('si-victim');
    for (let i = 0; i < 6; i++) await signIn(api, 'si-victim', `attacker guess ${i}`, '10.2.0.66');
    expect((await signIn(api, 'si-victim', PASSWORD, '10.2.0.66')).statusCode).toBe(429);
    expect((await signIn(api, 'si-victim', PASSWORD, '10.2.0.7')).statusCode).toBe(200);
    // The audit log has the proxy's client address, not the proxy's.
    const audit = (await api.admin.call('GET', '/api/audit?action=session.create')).json() as Array<{ sourceAddress: string | null; outcome: string }>;
    expect(audit.some((row) => row.sourceAddress === '10.2.0.66' && row.outcome === 'failed')).toBe(true);
  });
});

describe('sign-in without a trusted proxy', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(createSqliteDatabase);
  });
  afterAll(async () => api?.close());

  it('ignores X-Forwarded-For: a guesser cannot dodge the pause by claiming another address', async () => {
    await api.user('si-target');
    for (let i = 0; i < 5; i++) await signIn(api, 'si-target', `guess ${i}`, `10.3.0.${i}`);
    const res = await signIn(api, 'si-target', PASSWORD, '10.3.0.200');
    expect(res.statusCode).toBe(429);
  });

  it('refuses common passwords, also with digits or symbols around them, and too few different characters', async () => {
    for (const [password, reason] of [
      ['qwertyuiop123', /common password/],
      ['Password2024!', /common password \("password"\)/],
      ['1q2w3e4r5t6y', /most common passwords/],
      ['aaaaaaaaaaaaaaaa', /too few different characters/],
      ['short', /at least 12/],
    ] as const) {
      const res = await api.admin.call('POST', '/api/users', { username: 'si-new', password });
      expect(res.statusCode, password).toBe(422);
      expect(res.json().error, password).toMatch(reason);
    }
    expect((await api.admin.call('POST', '/api/users', { username: 'si-new', password: 'lantern orbit tulip 93' })).statusCode).toBe(201);
  });
});
