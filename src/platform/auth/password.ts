// Password hashing with scrypt (node:crypto): a random 16-byte salt per password and parameters stored in
// the hash, so they can be raised later without invalidating old hashes. Format:
//   scrypt$<log2 N>$<r>$<p>$<salt base64>$<key base64>
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
export const DEFAULT_COST = { log2N: 15, r: 8, p: 1 };

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** log2N, r, p, maxmem: 256 * 2 ** log2N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost.log2N, cost.r, cost.p);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number);
  if (![log2N, r, p].every((n) => Number.isInteger(n) && n > 0) || log2N > 22) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const key = await derive(password, salt, log2N, r, p);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash that matches no password, verified against when the user is unknown so that timing reveals nothing;
 * made with the cost new hashes get, so that an unknown user takes as long as a known one.
 */
export function unusableHash(cost = DEFAULT_COST): string {
  return `scrypt$${cost.log2N}$${cost.r}$${cost.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
}

export const UNUSABLE_HASH = unusableHash();

/**
 * A random password for generated accounts: 20 characters from an unambiguous alphabet (~115 bits).
 * @param without the account's username: the policy refuses a password that contains it, and a two-letter
 *   name turns up in 20 random characters about once in 50 tries, so such a password is drawn again.
 */
export function randomPassword(length = 20, without = ''): string {
  const avoid = without.trim().toLowerCase();
  for (;;) {
    const password = randomCharacters(length);
    if (!avoid || !password.toLowerCase().includes(avoid)) return password;
  }
}

function randomCharacters(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    if (bytes[i] < 256 - (256 % alphabet.length)) out += alphabet[bytes[i] % alphabet.length];
  }
  return out.length === length ? out : randomCharacters(length);
}
