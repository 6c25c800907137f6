// The export outbox: a finished export delivered to an external SFTP server, as the original system did for
// external repositories. The server must show the host key pinned in the configuration (its SHA-256
// fingerprint as `ssh-keygen -lf` prints it) or nothing is sent; authentication is by key only. The zip goes
// to a hidden `.part` name, is read back over SFTP and hashed (SHA-256 and size must equal the export's),
// and only then renamed to its final name next to a `.sha256` file, so the far side never sees a partial or
// unverified file under the real name. ssh2 (pure JavaScript) is the client: a well-kept library, no
// `sftp` binary and its host-key prompts to drive.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client, type SFTPWrapper } from 'ssh2';

export interface Outbox {
  name: string;
  host: string;
  port: number;
  username: string;
  /** OpenSSH or PEM private key file on Fiona's host (unencrypted; keep it readable by Fiona only). */
  privateKeyFile: string;
  /** The server's host key fingerprint, `SHA256:…` as `ssh-keygen -lf` prints it. */
  hostKeySha256: string;
  /** Folder on the server the exports go into (must exist). */
  remoteDir: string;
  /** Projects that may deliver here (`*`: every project). */
  projects: string[];
}

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
}

export interface Delivered {
  remotePath: string;
  bytes: number;
  sha256: string;
  /** The host key fingerprint the server showed (equal to the pinned one). */
  hostKey: string;
}

/** The OpenSSH SHA-256 fingerprint of a public key blob (base64 without padding). */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

export function normalizeFingerprint(value: string): string {
  const v = value.trim();
  return v.startsWith('SHA256:') ? `SHA256:${v.slice(7).replace(/=+$/, '')}` : `SHA256:${v.replace(/=+$/, '')}`;
}

export function outboxAllows(outbox: Outbox, project: string): boolean {
  return outbox.projects.includes('*') || outbox.projects.includes(project);
}

const where = (o: Outbox) => `SFTP outbox ${o.name} (${o.username}@${o.host}:${o.port})`;

function connect(outbox: Outbox, privateKey: Buffer, signal?: AbortSignal): Promise<{ client: Client; hostKey: string }> {
  const pinned = normalizeFingerprint(outbox.hostKeySha256);
  return new Promise((resolve, reject) => {
    const client = new Client();
    let shown: string | undefined;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(err);
    };
    const onAbort = () => fail(new DeliveryError('delivery cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    client.on('ready', () => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      resolve({ client, hostKey: shown! });
    });
    client.on('error', (err: Error & { level?: string }) => {
      signal?.removeEventListener('abort', onAbort);
      if (shown !== undefined && shown !== pinned) {
        return fail(new DeliveryError(`${where(outbox)}: the server's host key is ${shown}, not the pinned ${pinned}; refused, nothing was sent (if the server's key really changed, an administrator updates hostKeySha256)`));
      }
      if (err.level === 'client-authentication') return fail(new DeliveryError(`${where(outbox)}: the server refused the key in ${outbox.privateKeyFile} for ${outbox.username}`));
      if (err.level === 'client-timeout') return fail(new DeliveryError(`${where(outbox)}: no SSH handshake within 20 s`));
      fail(new DeliveryError(`${where(outbox)}: ${err.message}`, { cause: err }));
    });
    client.on('close', () => fail(new DeliveryError(`${where(outbox)}: the connection closed before the session was ready`)));
    try {
      client.connect({
        host: outbox.host,
        port: outbox.port,
        username: outbox.username,
        privateKey,
        readyTimeout: 20_000,
        // Key authentication only: no password, agent or keyboard-interactive is ever tried.
        authHandler: ['publickey'],
        hostVerifier: (key: Buffer) => {
          shown = fingerprintOf(key);
          return shown === pinned;
        },
      });
    } catch (err) {
      // ssh2 throws synchronously on a key it cannot parse (wrong format, encrypted without a passphrase).
      fail(new DeliveryError(`${where(outbox)}: cannot use the private key in ${outbox.privateKeyFile}: ${(err as Error).message}`, { cause: err }));
    }
  });
}

function sftpOf(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((err, sftp) => (err ? reject(err) : resolve(sftp))));
}

const call = <T>(work: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> =>
  new Promise<T>((resolve, reject) => work((err, value) => (err ? reject(err) : resolve(value as T))));

async function remoteSha256(sftp: SFTPWrapper, path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = sftp.createReadStream(path);
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function upload(sftp: SFTPWrapper, localFile: string, remotePath: string, signal?: AbortSignal): Promise<void> {
  const out = sftp.createWriteStream(remotePath, { flags: 'w', mode: 0o640 });
  const closed = once(out, 'close');
  closed.catch(() => {});
  await pipeline(createReadStream(localFile), out, { signal });
  // ssh2 closes the remote handle after 'finish'; the file is whole on the server only once it has.
  if (!out.closed) await closed;
}

/**
 * Delivers `localFile` as `remoteName` in the outbox's folder and verifies it there; throws DeliveryError
 * saying what went wrong (and removes the partial upload where it still can).
 */
export async function deliverToSftp(outbox: Outbox, localFile: string, remoteName: string, expected: { bytes: number; sha256: string }, signal?: AbortSignal): Promise<Delivered> {
  if (!/^[A-Za-z0-9._-]+$/.test(remoteName) || remoteName.startsWith('.')) throw new DeliveryError(`not a safe remote file name: ${remoteName}`);
  let privateKey: Buffer;
  try {
    privateKey = await readFile(outbox.privateKeyFile);
  } catch (err) {
    throw new DeliveryError(`${where(outbox)}: cannot read the private key file ${outbox.privateKeyFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  const { client, hostKey } = await connect(outbox, privateKey, signal);
  const remotePath = posix.join(outbox.remoteDir, remoteName);
  const partial = posix.join(outbox.remoteDir, `.${remoteName}.part`);
  let sftp: SFTPWrapper | undefined;
  const onAbort = () => client.end();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    sftp = await sftpOf(client).catch((err: Error) => {
      throw new DeliveryError(`${where(outbox)}: the server offers no SFTP subsystem: ${err.message}`, { cause: err });
    });
    const s = sftp;
    const dir = await call<{ isDirectory(): boolean }>((cb) => s.stat(outbox.remoteDir, cb)).catch(() => undefined);
    if (!dir?.isDirectory()) throw new DeliveryError(`${where(outbox)}: the remote folder ${outbox.remoteDir} does not exist`);
    try {
      await upload(s, localFile, partial, signal);
    } catch (err) {
      throw new DeliveryError(`${where(outbox)}: upload to ${partial} failed: ${(err as Error).message}`, { cause: err });
    }
    const there = await remoteSha256(s, partial);
    if (there.bytes !== expected.bytes || there.sha256 !== expected.sha256) {
      throw new DeliveryError(`${where(outbox)}: the uploaded file does not match: ${there.bytes} bytes with SHA-256 ${there.sha256} on the server, ${expected.bytes} bytes with ${expected.sha256} here`);
    }
    await call((cb) => s.unlink(remotePath, cb)).catch(() => {}); // a re-delivery replaces the earlier file
    await call((cb) => s.rename(partial, remotePath, cb));
    const sums = s.createWriteStream(`${remotePath}.sha256`, { flags: 'w', mode: 0o640 });
    const sumsClosed = once(sums, 'close');
    sums.end(`${expected.sha256}  ${remoteName}\n`);
    await sumsClosed;
    return { remotePath, bytes: there.bytes, sha256: there.sha256, hostKey };
  } catch (err) {
    if (sftp) {
      const s = sftp;
      await call((cb) => s.unlink(partial, cb)).catch(() => {});
    }
    if (signal?.aborted) throw new DeliveryError('delivery cancelled', { cause: err });
    if (err instanceof DeliveryError) throw err;
    throw new DeliveryError(`${where(outbox)}: ${(err as Error).message}`, { cause: err });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    client.end();
  }
}
