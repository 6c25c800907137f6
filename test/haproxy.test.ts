// HAProxy (Debian package) in front of two Fiona nodes (receiver + web each) on one PostgreSQL database and
// one quarantine folder (issue 18 item 2): TCP mode spreads DICOM associations over both receivers, HTTP mode
// spreads requests over both web nodes, and a session made on one is good on the other. HAProxy's own
// statistics (CSV) say which server took what; each node's /metrics says what it received.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findFreePort } from './support/dcmtk.js';
import { createPostgresDatabase, type TestDatabase } from './support/databases.js';
import { spawnFionaServe, tempDir } from './support/fiona.js';
import { storescu, uniqueUid, until, writeStudy } from './support/forwarding.js';

const PASSWORD = 'haproxy test password 2';
const dataDir = tempDir('fiona-haproxy-');
const children: ChildProcess[] = [];
let database: TestDatabase | undefined;
const ports = { dicom: 0, web: 0, stats: 0 };
const nodes: Array<{ http: number; dicom: number }> = [];

beforeAll(async () => {
  database = await createPostgresDatabase();
  for (let i = 0; i < 2; i++) nodes.push({ http: await findFreePort(), dicom: await findFreePort() });
  [ports.dicom, ports.web, ports.stats] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const env = { FIONA_DATA_DIR: dataDir, FIONA_DB_URL: database.url, FIONA_HTTP_HOST: '127.0.0.1', FIONA_DICOM_HOST: '127.0.0.1', FIONA_ADMIN_PASSWORD: PASSWORD, FIONA_ROLES: 'receiver,web', FIONA_HTTP_TRUST_PROXY: '127.0.0.1' };
  // One after the other: the first migrates the new database.
  for (const node of nodes) children.push(await spawnFionaServe({ ...env, FIONA_HTTP_PORT: String(node.http), FIONA_DICOM_PORT: String(node.dicom) }, node.http, 60_000));
  const config = join(dataDir, '..', `haproxy-${ports.stats}.cfg`);
  writeFileSync(
    config,
    [
      'defaults',
      '  timeout connect 5s',
      '  timeout client 130s',
      '  timeout server 130s',
      'frontend dicom',
      '  mode tcp',
      `  bind 127.0.0.1:${ports.dicom}`,
      '  default_backend receivers',
      'backend receivers',
      '  mode tcp',
      '  balance roundrobin',
      ...nodes.map((n, i) => `  server receiver${i + 1} 127.0.0.1:${n.dicom}`),
      'frontend web',
      '  mode http',
      `  bind 127.0.0.1:${ports.web}`,
      '  option forwardfor',
      '  default_backend webnodes',
      'backend webnodes',
      '  mode http',
      '  balance roundrobin',
      ...nodes.map((n, i) => `  server web${i + 1} 127.0.0.1:${n.http}`),
      'listen stats',
      '  mode http',
      `  bind 127.0.0.1:${ports.stats}`,
      '  stats enable',
      '  stats uri /stats',
      '',
    ].join('\n'),
  );
  const haproxy = spawn('haproxy', ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(haproxy);
  await until('HAProxy to answer', async () => (await fetch(`http://127.0.0.1:${ports.stats}/stats;csv`)).ok, 15_000, 100);
}, 90_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A column of HAProxy's CSV statistics per proxy/server: stot (sessions), hrsp_2xx (HTTP 2xx answers)… */
async function statPerServer(column: string): Promise<Map<string, number>> {
  const csv = await (await fetch(`http://127.0.0.1:${ports.stats}/stats;csv`)).text();
  const [head, ...lines] = csv.trim().split('\n');
  const at = head.replace(/^# /, '').split(',').indexOf(column);
  return new Map(lines.map((l) => l.split(',')).map((c) => [`${c[0]}/${c[1]}`, Number(c[at])]));
}

it('spreads associations over two receivers and requests over two web nodes', { timeout: 60_000 }, async () => {
  const studies: string[] = [];
  for (let i = 0; i < 4; i++) {
    const studyUid = uniqueUid();
    const dir = join(dataDir, '..', `haproxy-src-${i}-${Date.now()}`);
    writeStudy(dir, { studyUid, accessionNumber: `HA-${i}`, series: [{ uid: `${studyUid}.1`, count: 3, number: 1 }] });
    await storescu(ports.dicom, [dir]); // one association each
    rmSync(dir, { recursive: true, force: true });
    studies.push(studyUid);
  }
  const sessions = await statPerServer('stot');
  expect([sessions.get('receivers/receiver1'), sessions.get('receivers/receiver2')]).toEqual([2, 2]);
  // Each node received its share (its own counter), into the one index.
  for (const node of nodes) {
    const metrics = await (await fetch(`http://127.0.0.1:${node.http}/metrics`)).text();
    expect(metrics).toMatch(/fiona_instances_received_total\{status="success"\} 6\b/);
  }

  // Sign in through HAProxy on one web node, read through it on both.
  const base = `http://127.0.0.1:${ports.web}`;
  // On a loaded machine a node may briefly refuse a connection, which HAProxy answers 503 after its retries.
  const signIn = await until('a sign-in through HAProxy', async () => {
    const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    return res.status === 503 ? undefined : res;
  }, 20_000, 250);
  expect(signIn.status).toBe(200);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
  for (let i = 0; i < 4; i++) {
    const list = await until('all four studies through either web node', async () => {
      const res = await fetch(`${base}/api/studies?limit=10`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Array<{ studyInstanceUid: string; instanceCount: number }>;
      return body.filter((s) => studies.includes(s.studyInstanceUid) && s.instanceCount === 3).length === 4 ? body : undefined;
    }, 20_000, 100);
    expect(list.length).toBeGreaterThanOrEqual(4);
  }
  // Each request is balanced on its own (roundrobin), so both web nodes answered with the one session.
  const web = await statPerServer('hrsp_2xx');
  expect(web.get('webnodes/web1')).toBeGreaterThanOrEqual(2);
  expect(web.get('webnodes/web2')).toBeGreaterThanOrEqual(2);
});
