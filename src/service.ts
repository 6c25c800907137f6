// `fiona serve`: the database, the composed root (src/composition.ts) with its web app, the pipeline (DICOM
// listener, arrival, routing and transfer workers) and the HTTP listener, started in that order and stopped
// in reverse. The roles (config `roles`, --role) say which of them this process runs: a receiver opens the
// DICOM listener, a web node the HTTP listener, a worker neither. SQLite serves one process (serve-lock.ts).
import type { FastifyInstance } from 'fastify';
import type { DimseServer } from './dimse/index.js';
import { databaseUrl, hasRole, type FionaConfig } from './platform/config.js';
import { openDatabase, redactUrl, type Db } from './platform/db/database.js';
import { takeServeLock, type ServeLock } from './platform/db/serve-lock.js';
import type { Logger } from './platform/logger.js';
import { assertWritableDir, secureDataDir } from './platform/storage.js';
import { buildWebApp, composeFiona, type ComposeOptions, type Fiona, type Services } from './composition.js';

export interface Service {
  db: Db;
  /** The services of the composed root (the same ones the web app uses). */
  services: Services;
  /** The DICOM listener as started (a self-check may replace it: `currentListener()`); none without the receiver role. */
  listener: DimseServer | undefined;
  currentListener(): DimseServer | undefined;
  /** Resolves once every instance answered so far is in the index (Success comes before the index commit). */
  indexed(): Promise<void>;
  /** The self-checks behind /api/health. */
  selfChecks: Fiona['selfChecks'];
  /** The mail job (config mail.enabled). */
  mail: Fiona['mail'];
  http: FastifyInstance;
  dicomPort(): number;
  httpPort(): number;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

export async function startService(config: FionaConfig, logger: Logger, options: ComposeOptions = {}): Promise<Service> {
  // Writable first, so a data dir that cannot be made says so plainly; then its modes (0700, files 0600).
  await assertWritableDir(config.dataDir);
  await secureDataDir(config.dataDir, config.storage.groupReadable);
  const url = databaseUrl(config);
  // Before the database opens, so a second process on one SQLite file changes nothing (not even migrations).
  let lock: ServeLock | undefined;
  if (url.startsWith('sqlite:') && url !== 'sqlite::memory:') {
    try {
      lock = takeServeLock(url.slice('sqlite:'.length));
    } catch (err) {
      throw new StartupError((err as Error).message);
    }
  }
  let db: Db;
  try {
    db = await openDatabase(url);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const closeDb = async () => {
    await db.close();
    lock?.release();
  };
  logger.info({ database: redactUrl(url), engine: db.engine, roles: config.roles }, 'database ready');
  const fiona = composeFiona({ config, db, logger }, options);
  // The app is built before the pipeline starts: health answers 503 until the listener is up.
  // The first admin is the web nodes' business (its generated password is shown where people sign in).
  let http: FastifyInstance;
  try {
    http = await buildWebApp(fiona, hasRole(config, 'web') ? {} : { firstAdmin: false });
  } catch (err) {
    await closeDb();
    throw err;
  }
  try {
    await fiona.start();
  } catch (err) {
    await fiona.stop().catch(() => undefined);
    await closeDb();
    throw describeListenError(err, 'DICOM', config.dicom.port);
  }
  const listener = fiona.listener();
  if (hasRole(config, 'web')) {
    try {
      await http.listen({ port: config.http.port, host: config.http.host });
    } catch (err) {
      await fiona.stop();
      await closeDb();
      throw describeListenError(err, 'HTTP', config.http.port);
    }
    const httpAddress = http.server.address();
    logger.info({ port: typeof httpAddress === 'object' && httpAddress ? httpAddress.port : config.http.port }, 'web app ready');
  }
  return {
    db,
    services: fiona.services,
    listener,
    currentListener: () => fiona.listener(),
    indexed: () => fiona.indexed(),
    selfChecks: fiona.selfChecks,
    mail: fiona.mail,
    http,
    dicomPort: () => (fiona.listener() ?? listener)?.port() ?? config.dicom.port,
    httpPort: () => {
      const address = http.server.address();
      return typeof address === 'object' && address ? address.port : config.http.port;
    },
    stop: async () => {
      await http.close();
      await fiona.stop();
      await closeDb();
    },
  };
}

function describeListenError(err: unknown, what: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new StartupError(`${what} port ${port} is already in use (another Fiona, storescp or Orthanc?)`);
  if (code === 'EACCES') return new StartupError(`${what} port ${port} needs privileges this process does not have`);
  return err instanceof Error ? err : new Error(String(err));
}
