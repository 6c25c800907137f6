// The one place that chains the pipeline stages: received → indexed → arrived → routed → de-identified →
// forwarded → reconciled. Each stage is a plain module; this file only connects them.
import { EventEmitter } from 'node:events';
import { mkdir } from 'node:fs/promises';
import type { FionaConfig } from '../platform/config.js';
import type { Db } from '../platform/db/database.js';
import type { Logger } from '../platform/logger.js';
import type { DimseServer } from '../dimse/index.js';
import { ArrivalWatcher } from './quarantine/arrival.js';
import { IndexBatcher } from './quarantine/index-batcher.js';
import { incomingDir, quarantineRoot } from './quarantine/layout.js';
import { isInstanceIndexed, type IndexRecord } from './quarantine/repository.js';
import { recoverQuarantine } from './quarantine/recovery.js';
import { startListener } from './receive/listener.js';
import type { ForwardingStage } from './forward/stage.js';

export interface PipelineEvents {
  /** Instances whose index rows were just committed. */
  indexed: [records: IndexRecord[]];
  /** A study went quiet after receiving (first time, or again after late series). */
  studyArrived: [studyInstanceUid: string];
}

export interface Pipeline {
  events: EventEmitter<PipelineEvents>;
  listener: DimseServer;
  stop(): Promise<void>;
}

export async function prepareDataDir(dataDir: string): Promise<void> {
  await mkdir(quarantineRoot(dataDir), { recursive: true });
  await mkdir(incomingDir(dataDir), { recursive: true });
}

export async function startPipeline(config: FionaConfig, db: Db, logger: Logger, forwarding?: ForwardingStage): Promise<Pipeline> {
  const events = new EventEmitter<PipelineEvents>();
  if (forwarding) {
    // arrived → routed: known assignments follow (late series), else derived UID, coupling list, auto-ID.
    // Routed studies become queued transfers, which wake the forward worker at once.
    events.on('studyArrived', (uid) => {
      forwarding.routing.onStudyArrived(uid).catch((err: Error) => logger.error({ err: err.message, study: uid }, 'routing an arrived study failed'));
    });
  }
  await prepareDataDir(config.dataDir);
  // Before the listener opens, so a file being recovered and a file being received never meet.
  await recoverQuarantine(db, config.dataDir, logger);
  const batcher = new IndexBatcher(db, { onCommitted: (records) => events.emit('indexed', records) });
  const arrival = new ArrivalWatcher({
    db,
    quietSeconds: config.arrival.quietSeconds,
    logger,
    onArrived: (uid) => {
      events.emit('studyArrived', uid);
    },
  });
  const listener = await startListener({
    aeTitle: config.dicom.aet,
    allowedCallingAets: config.dicom.allowedCallingAets,
    acceptUnknownSopClasses: config.dicom.acceptUnknownSopClasses,
    port: config.dicom.port,
    host: config.dicom.host,
    maxAssociations: config.dicom.maxAssociations,
    maxPduLength: config.dicom.maxPduLength,
    idleTimeoutSeconds: config.dicom.idleTimeoutSeconds,
    store: { dataDir: config.dataDir, fsync: config.dicom.fsync, index: (record) => batcher.add(record), isIndexed: (uid) => isInstanceIndexed(db, uid), logger },
    logger,
  });
  arrival.start();
  forwarding?.start();
  return {
    events,
    listener,
    stop: async () => {
      // Instances under way get a few seconds to finish, so a restart does not make senders resend.
      await listener.close(config.dicom.stopGraceSeconds * 1000);
      await batcher.drain();
      await arrival.stop();
      await forwarding?.stop();
    },
  };
}
