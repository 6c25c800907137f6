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
