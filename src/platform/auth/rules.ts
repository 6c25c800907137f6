// Pure rules for accounts: usernames, passwords, the pause after failed sign-ins, session lifetime.
import { RuleError } from '../errors.js';
import { commonPasswordReason, type CommonPasswords } from './common-passwords.js';

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

/** Usernames are case-insensitive: stored and compared in lower case. */
export function normalizeUsername(raw: string, field = 'username'): string {
  const name = raw.trim().toLowerCase();
  if (!USERNAME.test(name)) {
    throw new RuleError(`${field}: 2-64 characters: letters, digits, ".", "_", "@", "-", starting with a letter or digit`, field);
  }
  return name;
}

export const MIN_PASSWORD_LENGTH = 12;

/** `common`: the list of common passwords (common-passwords.ts loads it). */
export function checkPassword(password: string, username: string, common: CommonPasswords, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new RuleError(`${field}: at least ${MIN_PASSWORD_LENGTH} characters`, field);
  if (password.length > 1024) throw new RuleError(`${field}: at most 1024 characters`, field);
  if (password.toLowerCase().includes(username.toLowerCase())) throw new RuleError(`${field}: must not contain the username`, field);
  const reason = commonPasswordReason(password, common);
  if (reason) throw new RuleError(`${field}: ${reason}; choose another`, field);
}

/** Failed sign-ins allowed before the account pauses. */
export const FREE_ATTEMPTS = 5;
const FIRST_PAUSE_SECONDS = 30;
const LONGEST_PAUSE_SECONDS = 15 * 60;

/**
 * After `failures` consecutive failed sign-ins, how long the account pauses (0: not at all). The pause
 * doubles with every further failure, from 30 seconds up to 15 minutes: it slows guessing to a crawl
 * without locking the owner out for long.
 */
export function pauseAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(LONGEST_PAUSE_SECONDS, FIRST_PAUSE_SECONDS * 2 ** (failures - FREE_ATTEMPTS));
}

/** Sessions end 12 hours after sign-in, or after 2 hours without a request. */
export const SESSION_LIFETIME_MS = 12 * 3600 * 1000;
export const SESSION_IDLE_MS = 2 * 3600 * 1000;

export function sessionExpired(session: { createdAt: string; lastSeenAt: string; expiresAt: string }, now: Date): boolean {
  const t = now.getTime();
  return t >= Date.parse(session.expiresAt) || t - Date.parse(session.lastSeenAt) >= SESSION_IDLE_MS;
}

/** API token names (a label the user chooses): 1-64 printable characters. */
export function checkTokenName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 64 || [...trimmed].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw new RuleError('name: 1-64 printable characters', 'name');
  }
  return trimmed;
}
