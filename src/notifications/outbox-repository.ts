// The mail outbox: messages are queued in the database (in the same process that noticed the event, never
// waiting for SMTP) and sent by the mail job. A message with a dedupe key is queued once per recipient.
// Digest items wait (status `digest`) until the daily digest gathers them into one message.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.js';

export interface OutboxMessage {
  id: string;
  userId: string | null;
  to: string;
  subject: string;
  body: string;
  status: 'queued' | 'sent' | 'failed' | 'digest' | 'digested';
  attempts: number;
  nextTryAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface NewMessage {
  userId: string | null;
  to: string;
  subject: string;
  body: string;
  dedupeKey?: string | null;
  /** Waits for the recipient's daily digest instead of being sent on its own. */
  digest?: boolean;
}

export interface OutboxRepository {
  /** Queues the messages; one whose (recipient, dedupe key) was queued before is skipped. How many were queued. */
  enqueue(messages: NewMessage[], now: Date): Promise<number>;
  due(now: Date, limit: number): Promise<OutboxMessage[]>;
  sent(id: string, now: Date): Promise<void>;
  /** A failed attempt: retried at `nextTryAt`, or given up (failed) when that is null. */
  attemptFailed(id: string, error: string, nextTryAt: string | null): Promise<void>;
  /** Digest items queued before `before`, by recipient. */
  digestItems(before: Date): Promise<OutboxMessage[]>;
  markDigested(ids: string[]): Promise<void>;
  list(filter?: { status?: OutboxMessage['status'] }): Promise<OutboxMessage[]>;
  /** Forgets messages that are done with (sent, gathered into a digest, given up) and older than `before`. How many. */
  purge(before: Date): Promise<number>;
  /** Messages per status, and when the oldest still queued was queued (`fiona doctor`). */
  summary(): Promise<{ counts: Record<string, number>; oldestQueuedAt: string | null }>;
}

type Row = { id: string; user_id: string | null; to_address: string; subject: string; body: string; status: string; attempts: number; next_try_at: string; last_error: string | null; created_at: string; sent_at: string | null };

function toMessage(r: Row): OutboxMessage {
  return { id: r.id, userId: r.user_id, to: r.to_address, subject: r.subject, body: r.body, status: r.status as OutboxMessage['status'], attempts: Number(r.attempts), nextTryAt: r.next_try_at, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at };
}

export function outboxRepository(db: Db): OutboxRepository {
  const k = db.kysely;
  const columns = ['id', 'user_id', 'to_address', 'subject', 'body', 'status', 'attempts', 'next_try_at', 'last_error', 'created_at', 'sent_at'] as const;
  return {
    async enqueue(messages, now) {
      let queued = 0;
      const at = now.toISOString();
      for (const m of messages) {
        const result = await k
          .insertInto('mail_outbox')
          .values({ id: randomUUID(), user_id: m.userId, to_address: m.to, subject: m.subject, body: m.body, dedupe_key: m.dedupeKey ?? null, status: m.digest ? 'digest' : 'queued', attempts: 0, next_try_at: at, created_at: at })
          .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
          .executeTakeFirst();
        queued += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      return queued;
    },
    async due(now, limit) {
      const rows = await k.selectFrom('mail_outbox').select(columns).where('status', '=', 'queued').where('next_try_at', '<=', now.toISOString()).orderBy('next_try_at').limit(limit).execute();
      return rows.map(toMessage);
    },
    async sent(id, now) {
      await k.updateTable('mail_outbox').set((eb) => ({ status: 'sent', sent_at: now.toISOString(), attempts: eb('attempts', '+', 1), last_error: null })).where('id', '=', id).execute();
    },
    async attemptFailed(id, error, nextTryAt) {
      await k
        .updateTable('mail_outbox')
        .set((eb) => ({ status: nextTryAt ? 'queued' : 'failed', attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500), ...(nextTryAt ? { next_try_at: nextTryAt } : {}) }))
        .where('id', '=', id)
        .execute();
    },
    async digestItems(before) {
      const rows = await k.selectFrom('mail_outbox').select(columns).where('status', '=', 'digest').where('created_at', '<', before.toISOString()).orderBy('user_id').orderBy('created_at').execute();
      return rows.map(toMessage);
    },
    async markDigested(ids) {
      for (let i = 0; i < ids.length; i += 500) await k.updateTable('mail_outbox').set({ status: 'digested' }).where('id', 'in', ids.slice(i, i + 500)).execute();
    },
    async purge(before) {
      const result = await k.deleteFrom('mail_outbox').where('status', 'in', ['sent', 'digested', 'failed']).where('created_at', '<', before.toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async summary() {
      const rows = await k.selectFrom('mail_outbox').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
      const oldest = await k.selectFrom('mail_outbox').select((eb) => eb.fn.min('created_at').as('at')).where('status', '=', 'queued').executeTakeFirst();
      return { counts: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])), oldestQueuedAt: (oldest?.at as string | null | undefined) ?? null };
    },
    async list(filter = {}) {
      let q = k.selectFrom('mail_outbox').select(columns);
      if (filter.status) q = q.where('status', '=', filter.status);
      return (await q.orderBy('created_at').execute()).map(toMessage);
    },
  };
}
