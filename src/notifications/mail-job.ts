// The mail job: on a schedule (and at once when messages are queued), under a job lock so one node sends,
// it queues the ethics-approval warnings (hourly; each step once; also forgetting mail older than 30 days), gathers the daily digests (after
// mail.digestHour UTC), and sends what is due. A failed send backs off exponentially and is retried until
// mail.maxAttempts, then the message is marked failed and logged. When the SMTP server does not answer,
// the run stops at the first failure instead of waiting for every message to time out.
import { backoffMs } from '../platform/jobs/claim-loop.js';
import type { Logger } from '../platform/logger.js';
import type { Mailer } from '../platform/mail/mailer.js';
import { digestMessage, withFooter } from './messages.js';
import type { OutboxRepository } from './outbox-repository.js';

export interface MailJobPorts {
  outbox: OutboxRepository;
  mailer(): Mailer;
  /** Takes (or keeps) the job lock for this long; false when another node holds it. */
  lock(holdMs: number): Promise<boolean>;
  /** Queues the ethics-approval warnings due on this day (YYYY-MM-DD). */
  approvalWarnings(today: string): Promise<number>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  now?: () => Date;
}

export interface MailJobOptions {
  intervalMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  digestHour: number;
  publicUrl?: string;
  /** Messages sent per run at most (the next run continues). */
  batch?: number;
}

const HOUR_MS = 3_600_000;
/** Days sent, digested and given-up messages stay in the outbox. */
const KEEP_DAYS = 30;

export class MailJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private stopping = false;
  private lastApprovalCheck = 0;

  constructor(
    private readonly ports: MailJobPorts,
    private readonly options: MailJobOptions,
  ) {}

  start(): void {
    this.stopping = false;
    void this.runNow();
    this.timer = setInterval(() => void this.runNow(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.running?.catch(() => undefined);
  }

  /** Messages were queued: send them now, if this job was started (a command-line process leaves them to `fiona serve`). */
  notify(): void {
    if (this.timer) void this.runNow();
  }

  /** Runs now (or right after the run under way); never throws. Resolves to the number of messages sent. */
  runNow(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runOnce()
      .catch((err: Error) => {
        this.ports.logger.warn({ err: err.message }, 'mail run failed');
        return 0;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopping) {
          this.again = false;
          void this.runNow();
        }
      });
    return this.running;
  }

  /** One run: approval warnings (hourly), digests, then the due messages. How many were sent. */
  async runOnce(now = (this.ports.now ?? (() => new Date()))()): Promise<number> {
    const { ports, options } = this;
    if (!(await ports.lock(Math.max(60_000, options.intervalMs * 2)))) return 0;
    if (now.getTime() - this.lastApprovalCheck >= HOUR_MS) {
      await ports.approvalWarnings(now.toISOString().slice(0, 10));
      // Sent mail is kept a while (what went out, to whom), then forgotten.
      await ports.outbox.purge(new Date(now.getTime() - KEEP_DAYS * 24 * HOUR_MS));
      this.lastApprovalCheck = now.getTime();
    }
    await this.digests(now);
    return this.sendDue(now);
  }

  /** After today's digest hour, everything waiting from before it goes out as one message per recipient. */
  private async digests(now: Date): Promise<void> {
    const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), this.options.digestHour));
    if (now < cutoff) return;
    const items = await this.ports.outbox.digestItems(cutoff);
    const byRecipient = new Map<string, typeof items>();
    for (const item of items) {
      const key = `${item.userId ?? ''}\n${item.to}`;
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), item]);
    }
    for (const list of byRecipient.values()) {
      // Each item's body already ends with the footer; the digest carries it once.
      const digest = digestMessage(list.map((i) => ({ subject: i.subject, body: i.body.split('\n\n--\n')[0], createdAt: i.createdAt })));
      await this.ports.outbox.enqueue([{ userId: list[0].userId, to: list[0].to, subject: digest.subject, body: withFooter(digest.body, this.options.publicUrl), dedupeKey: `digest:${cutoff.toISOString()}` }], now);
      await this.ports.outbox.markDigested(list.map((i) => i.id));
    }
  }

  private async sendDue(now: Date): Promise<number> {
    const { ports, options } = this;
    let sent = 0;
    for (const message of await ports.outbox.due(now, options.batch ?? 100)) {
      if (this.stopping) break;
      try {
        await ports.mailer().send({ to: message.to, subject: message.subject, text: message.body });
        await ports.outbox.sent(message.id, now);
        sent++;
      } catch (err) {
        const attempts = message.attempts + 1;
        const giveUp = attempts >= options.maxAttempts;
        const nextTryAt = giveUp ? null : new Date(now.getTime() + backoffMs(attempts, options.retryBaseMs, options.retryMaxMs)).toISOString();
        await ports.outbox.attemptFailed(message.id, (err as Error).message, nextTryAt);
        if (giveUp) ports.logger.error({ message: message.id, attempts, err: (err as Error).message }, 'gave up sending an e-mail');
        else ports.logger.warn({ message: message.id, attempts, nextTryAt, err: (err as Error).message }, 'could not send an e-mail; retrying later');
        break; // the server is likely down for the others too; the next run goes on
      }
    }
    if (sent > 0) ports.logger.info({ sent }, 'e-mail sent');
    return sent;
  }
}
