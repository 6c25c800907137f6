// The node channel on a real PostgreSQL: a message reaches the other node and not its sender, and after the
// listening connection is cut (pg_terminate_backend, as a database restart or a network drop would) the
// channel reconnects and messages flow again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createPostgresDatabase } from '../../../test/support/databases.js';
import { openDatabase, type Db } from './database.js';
import { openNodeChannel, type NodeChannel } from './notify.js';
import { silentLogger } from '../logger.js';

let db: Db;
let drop: () => Promise<void>;
const channels: NodeChannel[] = [];

beforeAll(async () => {
  const target = await createPostgresDatabase();
  db = await openDatabase(target.url);
  drop = target.drop;
});

afterAll(async () => {
  for (const c of channels) await c.stop();
  await db.close();
  await drop();
});

const until = async (probe: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!probe() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return probe();
};

it('delivers to the other node, not back to the sender, and again after the connection was cut', async () => {
  const heardA: unknown[] = [];
  const heardB: unknown[] = [];
  const a = await openNodeChannel(db, { channel: 'fiona_test', node: 'a', onMessage: (m) => heardA.push(m), logger: silentLogger, reconnectMs: 100 });
  const b = await openNodeChannel(db, { channel: 'fiona_test', node: 'b', onMessage: (m) => heardB.push(m), logger: silentLogger, reconnectMs: 100 });
  channels.push(a, b);
  a.publish({ kind: 'studies', uids: ['1.2.3'] });
  expect(await until(() => heardB.length === 1)).toBe(true);
  expect(heardB[0]).toEqual({ kind: 'studies', uids: ['1.2.3'], from: 'a' });
  await new Promise((r) => setTimeout(r, 200));
  expect(heardA).toEqual([]);

  // Cut both listening connections; they come back on their own (new backends, new pids).
  const listening = async () => (await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and query = 'LISTEN fiona_test'`.execute(db.kysely)).rows.map((r) => r.pid);
  const before = await listening();
  expect(before).toHaveLength(2);
  await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'LISTEN fiona_test'`.execute(db.kysely);
  let back = false;
  for (let i = 0; i < 100 && !back; i++) {
    const now = await listening();
    back = now.length === 2 && now.every((pid) => !before.includes(pid));
    if (!back) await new Promise((r) => setTimeout(r, 100));
  }
  expect(back).toBe(true);
  a.publish({ kind: 'arrived', uid: '1.2.4' });
  expect(await until(() => heardB.length === 2)).toBe(true);
  expect(heardB[1]).toMatchObject({ kind: 'arrived', uid: '1.2.4' });
});

it('refuses a message too long for NOTIFY rather than failing at the database', async () => {
  const heard: unknown[] = [];
  const c = await openNodeChannel(db, { channel: 'fiona_test2', node: 'c', onMessage: () => undefined, logger: silentLogger });
  const d = await openNodeChannel(db, { channel: 'fiona_test2', node: 'd', onMessage: (m) => heard.push(m), logger: silentLogger });
  channels.push(c, d);
  c.publish({ kind: 'studies', uids: Array.from({ length: 200 }, (_, i) => `1.2.826.0.1.3680043.9.7433.1.${i}.${'9'.repeat(30)}`) });
  c.publish({ kind: 'studies', uids: ['1.2.5'] });
  expect(await until(() => heard.length === 1)).toBe(true);
  await new Promise((r) => setTimeout(r, 200));
  expect(heard).toEqual([{ kind: 'studies', uids: ['1.2.5'], from: 'c' }]);
});
