import type { Command } from 'commander';
import { databaseUrl } from '../platform/config.js';
import { openDatabase, migrate } from '../platform/db/database.js';
import { secureDataDir } from '../platform/storage.js';
import { configFrom } from './context.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations (also done at every start)')
    .action(async (_opts, command: Command) => {
      const config = configFrom(command);
      await secureDataDir(config.dataDir, config.storage.groupReadable);
      const db = await openDatabase(databaseUrl(config), { migrate: false });
      try {
        const applied = await migrate(db);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await db.close();
      }
    });
}
