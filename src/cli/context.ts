// Shared by the commands: load the configuration once, open the database, and compose the same root as
// `fiona serve` (src/composition.ts) without starting it, with errors a person can act on.
import type { Command } from 'commander';
import { loadConfig, databaseUrl, type FionaConfig } from '../platform/config.js';
import { openDatabase, type Db } from '../platform/db/database.js';
import { createLogger } from '../platform/logger.js';
import { secureDataDir } from '../platform/storage.js';
import { composeFiona, type Services } from '../composition.js';

export function configFrom(command: Command, overrides?: Record<string, unknown>): FionaConfig {
  const root = command.optsWithGlobals() as { config?: string };
  return loadConfig({ file: root.config, overrides });
}

export async function withDatabase<T>(config: FionaConfig, work: (db: Db) => Promise<T>): Promise<T> {
  // What a command creates in the data dir (the database on first use, the secret key) gets the data modes.
  await secureDataDir(config.dataDir, config.storage.groupReadable);
  const db = await openDatabase(databaseUrl(config));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** The services of the composed root over the configured database (nothing is started). */
export async function withServices<T>(command: Command, work: (services: Services) => Promise<T>): Promise<T> {
  const config = configFrom(command);
  return withDatabase(config, (db) => work(composeFiona({ config, db, logger: createLogger(config.log.level) }).services));
}
