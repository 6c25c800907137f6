// RoutingService.record writes an assignment, its audit row and its transfer in one transaction: when one
// write fails, none of them stays (both engines).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb } from '../../../test/support/databases.js';
import { composeFiona, type Fiona } from '../../composition.js';
import { createAuditLog, systemActor } from '../../platform/audit/audit.js';
import { loadConfig } from '../../platform/config.js';
import type { Db } from '../../platform/db/database.js';
import { transaction } from '../../platform/db/transaction.js';
import { silentLogger } from '../../platform/logger.js';
import { transfersRepository } from '../forward/transfers-repository.js';
import { assignmentsRepository } from './assignments-repository.js';
import { couplingRepository } from './coupling-repository.js';
import { RoutingService } from './routing-service.js';

describe.each(engines)('routing decisions on $engine', ({ create }) => {
  let db: Db & { drop(): Promise<void> };
  let fiona: Fiona;
  beforeAll(async () => {
    db = await openTestDb(create);
    fiona = composeFiona({ db, logger: silentLogger, config: loadConfig({ env: {} }) }, { dateOffsetDays: () => -10 });
    await fiona.services.projects.create({ name: 'TxProject', participantPattern: 'P-\\d{3}', events: ['baseline'], destination: { aet: 'R', host: 'localhost', port: 104 }, status: 'active' }, systemActor);
    const at = new Date().toISOString();
    await fiona.services.quarantine.index([
      {
        header: { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: '7.1.1.1', studyInstanceUid: '7.1', seriesInstanceUid: '7.1.1', patient: {}, study: {}, series: { modality: 'CT' } },
        transferSyntaxUid: '1.2.840.10008.1.2.1',
        path: '/q/7.1.1.1.dcm',
        sizeBytes: 10,
        callingAet: 'M',
        sourceAddress: '127.0.0.1',
        receivedAt: at,
      },
    ]);
  });
  afterAll(async () => db.drop());

  /** The routing service as the root builds it, but the transfer write inside the transaction fails. */
  const failingRouting = () => {
    const { quarantine, participants, audit } = fiona.services;
    return new RoutingService({
      quarantine,
      assignments: assignmentsRepository(db),
      coupling: couplingRepository(db),
      projects: { find: async (name) => (name === 'TxProject' ? fiona.services.projects.get(name) : undefined), list: async () => [] },
      participants,
      audit,
      uidRoot: '1.2.3',
      transaction: (work) =>
        transaction(db, async (tx) => {
          const transfers = transfersRepository(tx);
          return work({
            assignments: assignmentsRepository(tx),
            coupling: couplingRepository(tx),
            audit: createAuditLog(tx),
            transfers: { request: async (input, now) => (await transfers.request(input, now), Promise.reject(new Error('the disk is full'))) },
          });
        }),
    });
  };

  it('keeps no assignment, audit row or transfer when one of them cannot be written', async () => {
    await expect(failingRouting().assign('7.1', { project: 'TxProject', participant: 'P-001', event: 'baseline' }, systemActor)).rejects.toThrow('the disk is full');
    expect(await db.kysely.selectFrom('assignments').selectAll().execute()).toEqual([]);
    expect(await db.kysely.selectFrom('transfers').selectAll().execute()).toEqual([]);
    expect(await db.kysely.selectFrom('audit_log').select('action').where('action', 'in', ['study.assign', 'transfer.queued']).execute()).toEqual([]);
  });

  it('writes all three when nothing fails', async () => {
    const queued = await fiona.services.routing.assign('7.1', { project: 'TxProject', participant: 'P-001', event: 'baseline' }, systemActor);
    expect(await db.kysely.selectFrom('assignments').select(['project_name', 'participant_id']).execute()).toEqual([{ project_name: 'TxProject', participant_id: 'P-001' }]);
    expect((await db.kysely.selectFrom('transfers').select('id').execute()).map((t) => t.id)).toEqual([queued.id]);
    expect((await db.kysely.selectFrom('audit_log').select('action').where('action', 'in', ['study.assign', 'transfer.queued']).orderBy('id').execute()).map((r) => r.action)).toEqual(['study.assign', 'transfer.queued']);
  });
});
