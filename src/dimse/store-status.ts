// Maps a failed store handler to a C-STORE status the sender can act on (retry later vs. give up).
import { Status } from './command.js';
import type { StoreResult } from './types.js';

export function storeFailure(err: unknown): StoreResult {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'ENOSPC') return { status: Status.OutOfResources, errorComment: 'Out of resources' };
  return { status: Status.CannotUnderstand, errorComment: message.slice(0, 64) };
}
