// Shared by the user, token and project commands: who the command line acts as in the audit log (the
// operator's OS account; the CLI runs on the server), and standard input.
import { userInfo } from 'node:os';
import type { Actor } from '../platform/audit/audit.js';

export function cliActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry for this uid (containers)
  }
  return { userId: null, username: `cli:${name}`, via: 'cli', sourceAddress: null };
}

/** The first line of standard input (a password piped in), without its line end. */
export async function readFirstLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}
