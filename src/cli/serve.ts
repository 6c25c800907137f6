import type { Command } from 'commander';
import { configOf } from './lazy.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run Fiona: DICOM listener, index, workers and the web app')
    .option('--role <roles>', 'what this process runs: receiver, worker, web or all, or a comma list (default: config roles, FIONA_ROLES, else all)')
    .action(async (opts: { role?: string }, command: Command) => {
      const config = await configOf(command, opts.role ? { roles: opts.role } : undefined);
      const { createLogger } = await import('../platform/logger.js');
      const { startService } = await import('../service.js');
      const logger = createLogger(config.log.level);
      // FIONA_TEST_FAULT is for tests only (see ComposeOptions.fault).
      const service = await startService(config, logger, { fault: process.env.FIONA_TEST_FAULT });
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping');
        await service.stop();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
