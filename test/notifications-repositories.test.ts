// The notification tables on both engines: choices replaced as a whole, recipients only among members with
// an address who are not disabled, the outbox's dedupe key, retries and digests; and the mail job's backoff
// and giving up. The job is given a recording mailer port here (the SMTP path itself is
// test/notifications-email.test.ts, against a real server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailJob } from '../src/notifications/mail-job.js';
import { outboxRepository } from '../src/notifications/outbox-repository.js';
import { preferencesRepository } from '../src/notifications/preferences-repository.js';
import { engines, openTestDb } from './support/databases.js';

const at = new Date('2026-12-06T10:00:00Z');
const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(engines)('notifications on $engine', ({ create }) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;

  beforeAll(async () => {
    db = await openTestDb(create);
    const k = db.kysely;
    for (const [id, username, disabled] of [['u1', 'ann', 0], ['u2', 'ben', 0], ['u3', 'cid', 1]] as const) await k.insertInto('users').values({ id, username, is_admin: id === 'u2' ? 1 : 0, disabled, failed_sign_ins: 0, created_at: at.toISOString() } as never).execute();
    for (const name of ['ProjA', 'ProjB']) {
      await k.insertInto('projects').values({ name, description: '', participant_pattern: 'P\\d+', events: '["baseline"]', destination_aet: 'X', destination_host: '127.0.0.1', destination_port: 104, deid_options: '{}', status: 'active', created_at: at.toISOString(), updated_at: at.toISOString() } as never).execute();
    }
    for (const [user, project, role] of [['u1', 'ProjA', 'owner'], ['u2', 'ProjA', 'viewer'], ['u3', 'ProjA', 'viewer'], ['u2', 'ProjB', 'owner']] as const) await k.insertInto('project_members').values({ user_id: user, project_name: project, role, data_access_group: null, created_at: at.toISOString() }).execute();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('keeps choices and finds recipients among members with an address', async () => {
    const prefs = preferencesRepository(db);
    await prefs.save('u1', { email: 'ann@example.org', digest: false, subscriptions: [{ project: 'ProjA', kind: 'study-arrived' }, { project: 'ProjA', kind: 'pixel-review' }] }, at);
    await prefs.save('u1', { email: 'ann@example.org', digest: true, subscriptions: [{ project: 'ProjA', kind: 'pixel-review' }] }, at);
    expect(await prefs.get('u1')).toEqual({ email: 'ann@example.org', digest: true, subscriptions: [{ project: 'ProjA', kind: 'pixel-review' }] });
    await prefs.save('u2', { email: null, digest: false, subscriptions: [{ project: 'ProjA', kind: 'pixel-review' }] }, at);
    await prefs.save('u3', { email: 'cid@example.org', digest: false, subscriptions: [{ project: 'ProjA', kind: 'pixel-review' }] }, at);

    // ben has no address, cid is disabled.
    expect((await prefs.subscribers('ProjA', 'pixel-review')).map((r) => r.username)).toEqual(['ann']);
    expect(await prefs.subscribers('ProjA', 'study-arrived')).toEqual([]);
    expect((await prefs.membersWithRole('ProjA', ['owner'])).map((r) => r.username)).toEqual(['ann']);
    expect(await prefs.admins()).toEqual([]);
    await prefs.save('u2', { email: 'ben@example.org', digest: false, subscriptions: [] }, at);
    expect((await prefs.admins()).map((r) => r.username)).toEqual(['ben']);
    expect(await prefs.byUsername('cid')).toBeUndefined();

    // A member who leaves stops being a recipient, though the subscription row stays until they save again.
    await db.kysely.deleteFrom('project_members').where('user_id', '=', 'u1').where('project_name', '=', 'ProjA').execute();
    expect(await prefs.subscribers('ProjA', 'pixel-review')).toEqual([]);
  });

  it('queues once per dedupe key, retries with backoff, gives up, and gathers digests', async () => {
    const outbox = outboxRepository(db);
    const one = { userId: 'u1', to: 'ann@example.org', subject: 's', body: 'b' };
    expect(await outbox.enqueue([{ ...one, dedupeKey: 'k1' }, { ...one, dedupeKey: 'k1' }, { ...one, dedupeKey: null }, { ...one, dedupeKey: null }], at)).toBe(3);
    expect(await outbox.enqueue([{ ...one, subject: 'digest item', digest: true }], at)).toBe(1);

    const sent: string[] = [];
    let down = true;
    const job = new MailJob(
      {
        outbox,
        mailer: () => ({
          send: async (m) => {
            if (down) throw new Error('connect ECONNREFUSED');
            sent.push(m.subject);
          },
          verify: async () => {},
          close: () => {},
        }),
        lock: async () => true,
        approvalWarnings: async () => 0,
        logger: silent,
      },
      { intervalMs: 1000, retryBaseMs: 60_000, retryMaxMs: 120_000, maxAttempts: 2, digestHour: 6 },
    );
    const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
    // Down: each run tries the first message due, fails, and stops there; the failed one waits its backoff.
    expect(await job.runOnce(minutes(10))).toBe(0);
    const afterFirst = await outbox.list({ status: 'queued' });
    expect(afterFirst.map((m) => m.attempts).sort()).toEqual([0, 0, 1]);
    const first = afterFirst.find((m) => m.attempts === 1)!;
    expect(first.lastError).toContain('ECONNREFUSED');
    expect(first.nextTryAt).toBe(minutes(11).toISOString());
    for (const n of [20, 30, 40]) await job.runOnce(minutes(n));
    // Its second failure reached mail.maxAttempts (2): given up. The others failed once each.
    expect((await outbox.list({ status: 'failed' })).map((m) => m.id)).toEqual([first.id]);
    expect((await outbox.list({ status: 'queued' })).map((m) => m.attempts)).toEqual([1, 1]);

    down = false;
    expect(await job.runOnce(minutes(60))).toBe(2);
    expect(sent).toEqual(['s', 's']);
    // The digest item waits for the digest hour of the next day (it came after today's), then goes out as one.
    expect(await outbox.list({ status: 'digest' })).toHaveLength(1);
    expect(await job.runOnce(new Date('2026-12-07T06:30:00Z'))).toBe(1);
    expect(sent[2]).toBe('[Fiona] Daily digest: 1 notification');
    expect(await outbox.list({ status: 'digest' })).toEqual([]);
    expect((await outbox.list({ status: 'digested' })).map((m) => m.subject)).toEqual(['digest item']);

    // A month on, what is done with is forgotten.
    expect(await outbox.purge(new Date('2026-12-06T09:00:00Z'))).toBe(0);
    expect(await outbox.purge(new Date('2027-01-07T00:00:00Z'))).toBe(5);
    expect(await outbox.list()).toEqual([]);
  });
});
