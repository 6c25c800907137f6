// Structured logging. Identifying values (patient names, IDs) are never logged at info level: log UIDs,
// counts and AE titles, and keep anything identifying to debug, where an operator has to ask for it.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = 'info', name = 'fiona'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}

export const silentLogger: Logger = pino({ level: 'silent' });
