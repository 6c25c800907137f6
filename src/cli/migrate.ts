import type { Command } from 'commander';
import { configOf } from './lazy.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations (also done at every start)')
    .action(async (_opts, command: Command) => {
      const config = await configOf(command);
      const { databaseUrl } = await import('../platform/config.js');
      const { openDatabase, migrate } = await import('../platform/db/database.js');
      const { secureDataDir } = await import('../platform/storage.js');
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
