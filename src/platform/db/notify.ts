// Messages between the processes sharing one PostgreSQL database (LISTEN/NOTIFY): what one node's pipeline
// tells the others — studies indexed or arrived (the web nodes' live updates), work queued (wake idle
// workers now rather than at their next poll). Nothing depends on a message arriving: the durable state is
// in the rows, a message only makes another node look sooner. One dedicated connection listens and
// reconnects when it drops; sending goes through the pool. SQLite has one process, so no channel.
import type pg from 'pg';
import { sql } from 'kysely';
import type { Db } from './database.js';
import type { Logger } from '../logger.js';

/** NOTIFY payloads must stay under 8000 bytes. */
export const MAX_PAYLOAD_BYTES = 7900;

export interface NodeChannel {
  /** Sends to every node listening, this one included (receivers skip their own by `from`). */
  publish(message: Record<string, unknown>): void;
  stop(): Promise<void>;
}

export interface ChannelOptions {
  channel: string;
  /** This node's id; messages it sent itself are not handed to onMessage. */
  node: string;
  onMessage(message: Record<string, unknown>): void;
  logger: Pick<Logger, 'warn' | 'info'>;
  reconnectMs?: number;
}

export async function openNodeChannel(db: Db, options: ChannelOptions): Promise<NodeChannel> {
  const { channel, node, logger } = options;
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  const { Client } = (await import('pg')).default;
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new Client({ connectionString: db.url });
    c.on('notification', (n) => {
      if (n.channel !== channel || !n.payload) return;
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(n.payload) as Record<string, unknown>;
      } catch {
        return;
      }
      if (message.from === node) return;
      try {
        options.onMessage(message);
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'node message handler failed');
      }
    });
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = undefined;
      c.removeAllListeners('notification');
      void c.end().catch(() => undefined);
      if (stopped) return;
      logger.warn({ err: err?.message }, 'lost the node channel (LISTEN) connection; reconnecting');
      retry = setTimeout(() => void connect().catch((e: Error) => lost(e)), options.reconnectMs ?? 1000);
      retry.unref();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    client = c;
    await c.connect();
    await c.query(`LISTEN ${channel}`);
  };
  await connect();

  return {
    publish(message) {
      const payload = JSON.stringify({ ...message, from: node });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        logger.warn({ bytes: Buffer.byteLength(payload) }, 'node message too long for NOTIFY; not sent');
        return;
      }
      sql`select pg_notify(${channel}, ${payload})`.execute(db.kysely).catch((err: Error) => logger.warn({ err: err.message }, 'could not send a node message'));
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}

/** Splits a list so each part's JSON stays well under the NOTIFY limit (UIDs are at most 64 characters). */
export function chunked<T>(items: T[], size = 80): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
