// The installation's secret key for de-identification (UIDs, accession hashes, date offsets). Read from
// deid.keyFile / FIONA_DEID_KEY_FILE when set, else <dataDir>/secret.key, created on first use (32 random
// bytes, written as 64 hex digits and a newline) with mode 0600. The key is never logged and never written
// into DICOM.
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FionaConfig } from './config.js';

export class SecretKeyError extends Error {}

/** The key file's bytes are the key; one trailing newline (LF or CRLF) from an editor is ignored. */
export function readKeyFile(path: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new SecretKeyError(`secret key file ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end--;
  if (end > 0 && bytes[end - 1] === 0x0d && end < bytes.length) end--;
  if (end === 0) throw new SecretKeyError(`secret key file ${path} is empty`);
  return bytes.subarray(0, end);
}

/**
 * Reads <dataDir>/secret.key, creating it atomically (whole, by link) with mode 0600 if absent. The key is written as
 * text (hex and a newline) because every key file is read as text with its trailing newline ignored: raw
 * random bytes ending in 0x0a would lose that byte when the same file is passed as --key-file.
 */
export function dataDirKey(dataDir: string): Buffer {
  const path = join(resolve(dataDir), 'secret.key');
  mkdirSync(resolve(dataDir), { recursive: true });
  // Written whole to a temporary file and linked into place (link fails if the key exists): nodes sharing
  // the data dir that make the key at the same moment then all read the one that won, never a half-written one.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    linkSync(temp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new SecretKeyError(`cannot create ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } finally {
    rmSync(temp, { force: true });
  }
  // A key readable by others is tightened rather than refused: the process owns the data dir.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return readKeyFile(path);
}

/** The key for this installation: the configured key file, or the data dir's own key. */
export function loadSecretKey(config: Pick<FionaConfig, 'dataDir' | 'deid'>, keyFileOverride?: string): Buffer {
  const file = keyFileOverride ?? config.deid.keyFile;
  return file ? readKeyFile(file) : dataDirKey(config.dataDir);
}
