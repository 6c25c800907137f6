// UIDs: the keyed, valid, per-project mapping of spec section 3 and the legacy formula of its appendix.
import { createHash, createHmac } from 'node:crypto';
import { normalizeUid } from '../../dicom/uid.js';

export const DEFAULT_UID_ROOT = '1.3.6.1.4.1.45037';

function keyed(key: Uint8Array, label: string, project: string, value: string): Buffer {
  return createHmac('sha256', key).update(`${label}\0${project}\0${value}`, 'utf8').digest();
}

/** ROOT + "." + decimal of the first 128 bits of HMAC-SHA256(KEY, "uid" 0 project 0 normalize(uid)). */
export function newUid(key: Uint8Array, project: string, uid: string, root = DEFAULT_UID_ROOT): string {
  const digest = keyed(key, 'uid', project, normalizeUid(uid));
  return `${root}.${BigInt(`0x${digest.toString('hex', 0, 16)}`).toString(10)}`;
}

/** 16 decimal digits from HMAC-SHA256(KEY, "acc" 0 project 0 accession): salted, so no longer reversible. */
export function accessionHash(key: Uint8Array, project: string, accession: string): string {
  const digest = keyed(key, 'acc', project, accession.trim());
  return BigInt(`0x${digest.toString('hex', 0, 16)}`).toString(10).slice(0, 16).padStart(16, '0');
}

const DIGITS = '0123456789012345';

/**
 * The original system's UID (spec appendix), for projects flagged legacy: SHA-256 of the raw element bytes
 * (odd values padded with NUL, as DICOM stores them) + project name, hex nibbles folded to digits (or kept
 * as hex in the old style), cut to 63 characters. Not conformant; only so late series join old studies.
 */
export function legacyUid(rawValue: Uint8Array | string, project: string, style: 'decimal' | 'hex' = 'decimal', root = DEFAULT_UID_ROOT): string {
  let raw = typeof rawValue === 'string' ? Buffer.from(rawValue, 'latin1') : Buffer.from(rawValue);
  if (raw.length % 2 === 1) raw = Buffer.concat([raw, Buffer.from([0])]);
  const digest = createHash('sha256').update(Buffer.concat([raw, Buffer.from(project, 'utf8')])).digest();
  let body = '';
  if (style === 'hex') body = digest.toString('hex');
  else for (const b of digest) body += DIGITS[b >> 4] + DIGITS[b & 15];
  return `${root}.${body}`.slice(0, 63);
}
