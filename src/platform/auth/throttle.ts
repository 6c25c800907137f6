// A pause per client address after many failed sign-ins, whatever usernames they try (password spraying
// across accounts, which the per-account pause does not see). In memory, per process: with several web
// nodes each one counts on its own, which still bounds guessing.

export interface AddressThrottleOptions {
  /** Failures from one address allowed within the window. */
  limit?: number;
  windowMs?: number;
  /** How long the address then waits. */
  pauseMs?: number;
  /** Addresses remembered at most (oldest forgotten first). */
  maxAddresses?: number;
}

export class AddressThrottle {
  private readonly failures = new Map<string, { count: number; since: number; pausedUntil: number }>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly pauseMs: number;
  private readonly maxAddresses: number;

  constructor(options: AddressThrottleOptions = {}) {
    this.limit = options.limit ?? 20;
    this.windowMs = options.windowMs ?? 10 * 60_000;
    this.pauseMs = options.pauseMs ?? 5 * 60_000;
    this.maxAddresses = options.maxAddresses ?? 10_000;
  }

  /** Seconds the address must still wait, or 0. */
  waitSeconds(address: string | null, now: number): number {
    const entry = address === null ? undefined : this.failures.get(address);
    return entry && entry.pausedUntil > now ? Math.ceil((entry.pausedUntil - now) / 1000) : 0;
  }

  recordFailure(address: string | null, now: number): void {
    if (address === null) return;
    let entry = this.failures.get(address);
    if (!entry || now - entry.since > this.windowMs) entry = { count: 0, since: now, pausedUntil: 0 };
    entry.count += 1;
    if (entry.count >= this.limit) entry.pausedUntil = now + this.pauseMs;
    this.failures.delete(address);
    this.failures.set(address, entry);
    while (this.failures.size > this.maxAddresses) this.failures.delete(this.failures.keys().next().value!);
  }
}

/**
 * The pause per account *and* address: failures of one username from one address pause only that pair
 * (doubling from 30 s up to 15 min after 5, see pauseAfter), so nobody can lock a user out from an address
 * of their own, and an unknown username pauses exactly as a real one does (the answer tells nothing). In
 * memory, per process, like AddressThrottle; a success or a new password forgets the account's pairs.
 */
export class AccountAddressThrottle {
  private readonly failures = new Map<string, { count: number; pausedUntil: number }>();

  constructor(
    private readonly pauseSeconds: (failures: number) => number,
    private readonly maxPairs = 10_000,
  ) {}

  private key(account: string, address: string | null): string {
    return `${account}\n${address ?? ''}`;
  }

  waitSeconds(account: string, address: string | null, now: number): number {
    const entry = this.failures.get(this.key(account, address));
    return entry && entry.pausedUntil > now ? Math.ceil((entry.pausedUntil - now) / 1000) : 0;
  }

  recordFailure(account: string, address: string | null, now: number): void {
    const key = this.key(account, address);
    const entry = this.failures.get(key) ?? { count: 0, pausedUntil: 0 };
    entry.count += 1;
    const pause = this.pauseSeconds(entry.count);
    if (pause > 0) entry.pausedUntil = now + pause * 1000;
    this.failures.delete(key);
    this.failures.set(key, entry);
    while (this.failures.size > this.maxPairs) this.failures.delete(this.failures.keys().next().value!);
  }

  /** After a success from this address. */
  succeeded(account: string, address: string | null): void {
    this.failures.delete(this.key(account, address));
  }

  /** After a new password: the account's pauses end at every address. */
  forgetAccount(account: string): void {
    for (const key of this.failures.keys()) if (key.startsWith(`${account}\n`)) this.failures.delete(key);
  }
}
