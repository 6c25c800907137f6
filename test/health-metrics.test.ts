// Self-checks and metrics with real peers: storescu sends, echoscu checks the listener from outside, and the
// listener's socket is closed from inside the process — the next self-check (every second here) finds no
// answer to its C-ECHO, health says degraded and why, and the listener is back on the same port; when the
// port is taken by someone else the restart fails and the process is told to exit non-zero.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDcmtk } from './support/dcmtk.js';
import { startTestFiona, type TestFiona } from './support/fiona.js';
import { storescu, until, waitForStudy } from './support/forwarding.js';
import { generateStudy } from './support/generate.js';
import { tempDir } from './support/fiona.js';

const TOKEN = 'metrics-token-0123456789abcdef';

function metric(text: string, name: string): number | undefined {
  // `name` is the whole series as printed, labels included: fiona_transfers{state="queued"}.
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
}

describe('self-checks, health and metrics', () => {
  let fiona: TestFiona;
  const exits: number[] = [];
  beforeAll(async () => {
    fiona = await startTestFiona({ 'health.checkSeconds': 1, 'forward.workers': 0, 'metrics.token': TOKEN }, undefined, { exit: (code) => exits.push(code) });
  });
  afterAll(async () => fiona?.close());

  const health = async () => (await fiona.http.inject({ method: 'GET', url: '/api/health' })).json();

  it('reports every check ok with its reason', async () => {
    const body = await until('first self-checks', async () => {
      const h = await health();
      return h.checks ? h : undefined;
    });
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'disk', 'listener', 'queue', 'workers']);
    expect(body.checks.listener).toMatchObject({ status: 'ok', reason: 'answers C-ECHO' });
    expect(body.checks.disk.reason).toMatch(/% free/);
  });

  it('serves Prometheus metrics to loopback or with the token, and counts what was received', async () => {
    const study = generateStudy(tempDir('fiona-metrics-in-'), { count: 3, pixelBytes: 10_000 });
    await storescu(fiona.dicomPort(), study.files);
    await waitForStudy(fiona, study.studyUid, 3);
    const res = await fiona.http.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    expect(metric(text, 'fiona_instances_received_total{status="success"}')).toBe(3);
    expect(metric(text, 'fiona_received_bytes_total')).toBeGreaterThan(3 * 10_000);
    expect(metric(text, 'fiona_cstore_duration_seconds_count{status="success"}')).toBe(3);
    expect(metric(text, 'fiona_studies_arrived_total')).toBe(1);
    // The self-check's own C-ECHO (every second here) may be open at the scrape.
    expect(metric(text, 'fiona_dicom_associations')).toBeLessThanOrEqual(1);
    expect(metric(text, 'fiona_transfers{state="queued"}')).toBe(0);
    expect(metric(text, 'fiona_pixel_reviews_waiting')).toBe(0);
    expect(metric(text, 'fiona_refusals_waiting')).toBe(0);
    expect(metric(text, 'fiona_forward_queue_age_seconds')).toBe(0);
    expect(metric(text, 'fiona_disk_free_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^fiona_process_nodejs_eventloop_lag_seconds \d/m);
    expect(text).not.toContain(study.studyUid);

    const outside = await fiona.http.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(outside.statusCode).toBe(403);
    const wrong = await fiona.http.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: `Bearer ${TOKEN.replace('0', '1')}` } });
    expect(wrong.statusCode).toBe(403);
    // A Fiona API token is not the metrics token.
    const apiToken = (await fiona.services.auth.createToken('admin', 'tests', { userId: null, username: 'test', via: 'system' })).secret;
    expect((await fiona.http.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: `Bearer ${apiToken}` } })).statusCode).toBe(403);
    const withToken = await fiona.http.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.statusCode).toBe(200);
  });

  it('restarts a listener whose socket was closed from inside, on the same port, and says so', async () => {
    const port = fiona.dicomPort();
    await fiona.listener!.close(0);
    const degraded = await until('health degraded', async () => {
      const h = await health();
      return h.checks?.listener.status === 'degraded' ? h : undefined;
    }, 60_000, 100);
    expect(degraded.status).toBe('degraded');
    expect(degraded.checks.listener.reason).toMatch(/did not answer C-ECHO .*restarted at/);
    expect(fiona.dicomPort()).toBe(port);
    expect((await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(port)])).code).toBe(0);
    await until('health ok again', async () => (await health()).status === 'ok', 30_000, 100);
    expect(exits).toEqual([]);
  });

  it('exits non-zero when the listener cannot be restarted (its port taken)', async () => {
    const port = fiona.dicomPort();
    await fiona.currentListener()!.close(0);
    const squatter: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      await until('exit requested', async () => exits.length > 0, 30_000, 100);
      expect(exits[0]).toBe(70);
      const h = await health();
      expect(h.checks.listener.status).toBe('failed');
      expect(h.checks.listener.reason).toMatch(/could not be restarted/);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
