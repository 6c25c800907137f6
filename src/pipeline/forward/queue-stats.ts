// The state of forwarding at a glance, for metrics and self-checks: transfers by state, instances sent,
// confirmed and refused, pixel reviews waiting, the age of the oldest due transfer and work whose lease ran
// out long ago (a worker that stopped renewing without dying).
import type { Db } from '../../platform/db/database.js';

export interface QueueStats {
  transfersByStatus: Record<string, number>;
  instancesSent: number;
  instancesConfirmed: number;
  instancesRefused: number;
  pixelReviewsWaiting: number;
  /** Refused instances waiting for a data manager's decision (Review page). */
  refusalsWaiting: number;
  /** Seconds the oldest transfer due now has waited (0: none due). */
  queueAgeSeconds: number;
  /** Transfers and study routings still marked running whose lease expired more than `graceMs` ago. */
  staleLeases: number;
}

export async function queueStats(db: Db, now: Date, graceMs: number): Promise<QueueStats> {
  const k = db.kysely;
  const at = now.toISOString();
  const stale = new Date(now.getTime() - graceMs).toISOString();
  const [byStatus, sums, reviews, refusals, oldest, staleTransfers, staleRouting] = await Promise.all([
    k.selectFrom('transfers').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),
    k
      .selectFrom('transfers')
      .select((eb) => [eb.fn.sum<number>('instances_sent').as('sent'), eb.fn.sum<number>('instances_confirmed').as('confirmed'), eb.fn.sum<number>('instances_refused').as('refused')])
      .executeTakeFirst(),
    k.selectFrom('pixel_reviews').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst(),
    k.selectFrom('deid_refusals').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').executeTakeFirst(),
    k.selectFrom('transfers').select((eb) => eb.fn.min('next_try_at').as('due')).where('status', '=', 'queued').where('next_try_at', '<=', at).executeTakeFirst(),
    k.selectFrom('transfers').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'running').where('lease_expires_at', '<', stale).executeTakeFirst(),
    k.selectFrom('studies').select((eb) => eb.fn.countAll<number>().as('n')).where('routing_status', '=', 'running').where('routing_lease_expires_at', '<', stale).executeTakeFirst(),
  ]);
  const due = oldest?.due as string | null | undefined;
  return {
    transfersByStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
    instancesSent: Number(sums?.sent ?? 0),
    instancesConfirmed: Number(sums?.confirmed ?? 0),
    instancesRefused: Number(sums?.refused ?? 0),
    pixelReviewsWaiting: Number(reviews?.n ?? 0),
    refusalsWaiting: Number(refusals?.n ?? 0),
    queueAgeSeconds: due ? Math.max(0, (now.getTime() - Date.parse(due)) / 1000) : 0,
    staleLeases: Number(staleTransfers?.n ?? 0) + Number(staleRouting?.n ?? 0),
  };
}
