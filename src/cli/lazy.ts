// The commands' entry into the composed root, loaded only when a command runs: `fiona --help` (and the
// command table) then reads no database, web or pipeline code.
import type { Command } from 'commander';
import type { Services } from '../composition.js';
import type { FionaConfig } from '../platform/config.js';

/** The services of the composed root over the configured database (context.ts; nothing is started). */
export async function withServices<T>(command: Command, work: (services: Services) => Promise<T>): Promise<T> {
  return (await import('./context.js')).withServices(command, work);
}

/** The configuration the command was given (--config, FIONA_*, defaults). */
export async function configOf(command: Command, overrides?: Record<string, unknown>): Promise<FionaConfig> {
  return (await import('./context.js')).configFrom(command, overrides);
}
