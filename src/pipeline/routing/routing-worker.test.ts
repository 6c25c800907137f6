// Routing as durable work on both engines: a failed routing is kept on the study with its error and
// retried; a crashed router's claim is taken over when its lease runs out; a study that arrives again
// while it is being routed is routed again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import type { Db } from '../../platform/db/database.js';
import { silentLogger } from '../../platform/logger.js';
import { quarantineRepository, type IndexRecord, type QuarantineRepository } from '../quarantine/repository.js';
import { RoutingWorker } from './routing-worker.js';
import { studyRoutingRepository, type StudyRoutingRepository } from './study-routing-repository.js';

function record(study: string, at: string): IndexRecord {
  return {
    header: { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: `${study}.1.1`, studyInstanceUid: study, seriesInstanceUid: `${study}.1`, patient: {}, study: {}, series: { modality: 'CT' } },
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    path: `/q/${study}.dcm`,
    sizeBytes: 10,
    callingAet: 'MODALITY',
    sourceAddress: '127.0.0.1',
    receivedAt: at,
  };
}

async function until<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(engines)('routing worker on $engine', ({ create }) => {
  let db: Db & { drop(): Promise<void> };
  let quarantine: QuarantineRepository;
  let queue: StudyRoutingRepository;
  beforeAll(async () => {
    db = await openTestDb(create);
    quarantine = quarantineRepository(db);
    queue = studyRoutingRepository(db);
  });
  afterAll(async () => db.drop());

  const arrive = async (study: string) => {
    const at = new Date().toISOString();
    await quarantine.index([record(study, at)]);
    expect(await quarantine.markArrived(study, at, at)).toBe(true);
  };
  const routing = async (study: string) => (await quarantine.getStudyView(study))?.routing;

  it('keeps a failure visible on the study and retries it with backoff until routing succeeds', async () => {
    await arrive('9.1');
    const calls: string[] = [];
    const worker = new RoutingWorker(
      {
        queue,
        route: async (uid) => {
          calls.push(uid);
          if (calls.length === 1) throw new Error('the database went away');
          return 1;
        },
        logger: silentLogger,
      },
      // The failure stays on the study for the whole first backoff: 2 s, so a probe every 20 ms sees it even on a
      // loaded machine (with 300 ms it was retried and done before the probe looked, at load 20).
      { leaseMs: 5000, retryBaseMs: 2000, retryMaxMs: 4000, pollMs: 50 },
    );
    worker.start();
    try {
      const failed = await until(async () => {
        const r = await routing('9.1');
        return r?.status === 'failed' && r;
      }, 'the failure on the study');
      expect(failed).toMatchObject({ attempts: 1, error: 'the database went away' });
      expect(Date.parse(failed.nextTryAt!)).toBeGreaterThan(Date.now() - 300);
      const done = await until(async () => {
        const r = await routing('9.1');
        return r?.status === 'done' && r;
      }, 'the retry');
      expect(done).toMatchObject({ attempts: 2, error: null, nextTryAt: null });
      expect(done.routedAt).not.toBeNull();
      expect(calls).toEqual(['9.1', '9.1']);
    } finally {
      await worker.stop();
    }
  });

  it('takes over the study of a router that died holding it, once its lease has run out', async () => {
    await arrive('9.2');
    const dead = await queue.claim('dead-router', 200, new Date());
    expect(dead).toEqual({ studyInstanceUid: '9.2', attempts: 1 });
    expect(await queue.claim('another', 200, new Date())).toBeUndefined();
    const routed: string[] = [];
    const worker = new RoutingWorker({ queue, route: async (uid) => (routed.push(uid), 0), logger: silentLogger }, { leaseMs: 5000, retryBaseMs: 100, retryMaxMs: 100, pollMs: 50 });
    worker.start();
    try {
      await until(async () => (await routing('9.2'))?.status === 'done', 'the takeover');
      expect(routed).toEqual(['9.2']);
      expect(await queue.finish('9.2', 'dead-router', null, new Date())).toBe(false);
    } finally {
      await worker.stop();
    }
  });

  it('routes a study again when it arrived again while it was being routed', async () => {
    await arrive('9.3');
    const claim = await queue.claim('router', 5000, new Date());
    expect(claim?.studyInstanceUid).toBe('9.3');
    // A late series: the index re-opens the study, arrival marks it again (and due again).
    await new Promise((r) => setTimeout(r, 5));
    await arrive('9.3');
    expect(await queue.finish('9.3', 'router', null, new Date())).toBe(false);
    expect(await routing('9.3')).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await queue.claim('router', 5000, new Date()))?.studyInstanceUid).toBe('9.3');
  });
});
