// `fiona serve`: the database, the pipeline (DICOM listener, index, arrival) and the web app in one
// process, started in that order and stopped in reverse.
import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { databaseUrl, type FionaConfig } from './platform/config.js';
import { openDatabase, redactUrl, type Db } from './platform/db/database.js';
import type { Logger } from './platform/logger.js';
import { assertWritableDir } from './platform/storage.js';
import { startPipeline, type Pipeline, type PipelineEvents } from './pipeline/flow.js';
import { createForwardingStage, type ForwardingStage } from './pipeline/forward/stage.js';
import { buildApp } from './web/app.js';

export interface Service {
  db: Db;
  pipeline: Pipeline;
  /** Routing (assign, coupling lists, auto-ID) and the transfer worker. */
  forwarding: ForwardingStage;
  http: FastifyInstance;
  dicomPort(): number;
  httpPort(): number;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

export async function startService(config: FionaConfig, logger: Logger): Promise<Service> {
  await assertWritableDir(config.dataDir);
  const url = databaseUrl(config);
  const db = await openDatabase(url);
  logger.info({ database: redactUrl(url), engine: db.engine }, 'database ready');
  let pipeline: Pipeline | undefined;
  let listenerUp = false;
  // The app is built before the pipeline starts; it listens to this emitter, which relays the pipeline's.
  const events = new EventEmitter<PipelineEvents>();
  const forwarding = createForwardingStage(config, db, logger);
  const http = await buildApp({ db, logger, config, listenerReady: () => listenerUp, events, forwarding });
  try {
    pipeline = await startPipeline(config, db, logger, forwarding);
    pipeline.events.on('indexed', (records) => events.emit('indexed', records));
    pipeline.events.on('studyArrived', (uid) => events.emit('studyArrived', uid));
    listenerUp = true;
  } catch (err) {
    await db.close();
    throw describeListenError(err, 'DICOM', config.dicom.port);
  }
  try {
    await http.listen({ port: config.http.port, host: config.http.host });
  } catch (err) {
    await pipeline.stop();
    await db.close();
    throw describeListenError(err, 'HTTP', config.http.port);
  }
  const httpAddress = http.server.address();
  logger.info({ port: typeof httpAddress === 'object' && httpAddress ? httpAddress.port : config.http.port }, 'web app ready');
  const started = pipeline;
  return {
    db,
    pipeline: started,
    forwarding,
    http,
    dicomPort: () => started.listener.port(),
    httpPort: () => {
      const address = http.server.address();
      return typeof address === 'object' && address ? address.port : config.http.port;
    },
    stop: async () => {
      listenerUp = false;
      await http.close();
      await started.stop();
      await db.close();
    },
  };
}

function describeListenError(err: unknown, what: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new StartupError(`${what} port ${port} is already in use (another Fiona, storescp or Orthanc?)`);
  if (code === 'EACCES') return new StartupError(`${what} port ${port} needs privileges this process does not have`);
  return err instanceof Error ? err : new Error(String(err));
}
