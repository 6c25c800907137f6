// Shared by the commands: load the configuration once and open the database, with errors a person can act on.
import type { Command } from 'commander';
import { loadConfig, databaseUrl, type FionaConfig } from '../platform/config.js';
import { openDatabase, type Db } from '../platform/db/database.js';

export function configFrom(command: Command): FionaConfig {
  const root = command.optsWithGlobals() as { config?: string };
  return loadConfig({ file: root.config });
}

export async function withDatabase<T>(config: FionaConfig, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(databaseUrl(config));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
