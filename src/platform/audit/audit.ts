// The audit port: one row per action that reads or changes protected data, with who, when, what and from
// where. Other areas call `audit.record({...})`; rows are only ever inserted, never updated or deleted.
import type { Db } from '../db/database.js';

/** Who acted. `via` says how they proved it: a browser session, an API token, the command line, or Fiona itself. */
export interface Actor {
  userId: string | null;
  username: string | null;
  via: 'session' | 'token' | 'cli' | 'system';
  tokenId?: string | null;
  /** Where the request came from (client IP), when there was one. */
  sourceAddress?: string | null;
}

export interface AuditEvent {
  /** Dotted verb, area first: `session.create`, `project.create`, `member.add`, `participant.add`, `study.assign`, `export.create`, `study.delete` … */
  action: string;
  actor: Actor;
  outcome?: 'ok' | 'denied' | 'failed';
  project?: string | null;
  /** What was acted on, within the project: a participant ID, a username, a study UID, a token ID. */
  target?: string | null;
  /** The client address (HTTP) or calling AE/host (DICOM). */
  sourceAddress?: string | null;
  /** Anything else worth keeping; never patient names or clinical IDs. */
  details?: Record<string, unknown>;
}

export interface AuditEntry extends Required<Omit<AuditEvent, 'details'>> {
  id: number;
  at: string;
  details: Record<string, unknown> | null;
}

export interface AuditFilter {
  project?: string;
  username?: string;
  action?: string;
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
}

export interface Audit {
  record(event: AuditEvent): Promise<void>;
}

export interface AuditLog extends Audit {
  list(filter: AuditFilter): Promise<AuditEntry[]>;
}

export const systemActor: Actor = { userId: null, username: null, via: 'system' };

export function createAuditLog(db: Db, now: () => Date = () => new Date()): AuditLog {
  return {
    async record(event) {
      await db.kysely
        .insertInto('audit_log')
        .values({
          at: now().toISOString(),
          actor_user_id: event.actor.userId,
          actor_username: event.actor.username,
          via: event.actor.via,
          token_id: event.actor.tokenId ?? null,
          action: event.action,
          outcome: event.outcome ?? 'ok',
          project_name: event.project ?? null,
          target: event.target ?? null,
          source_address: event.sourceAddress ?? event.actor.sourceAddress ?? null,
          details: event.details ? JSON.stringify(event.details) : null,
        })
        .execute();
    },

    async list(filter) {
      let query = db.kysely.selectFrom('audit_log').selectAll();
      if (filter.project) query = query.where('project_name', '=', filter.project);
      if (filter.username) query = query.where('actor_username', '=', filter.username);
      if (filter.action) query = query.where('action', '=', filter.action);
      if (filter.since) query = query.where('at', '>=', filter.since);
      if (filter.until) query = query.where('at', '<', filter.until);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(Math.min(filter.limit ?? 100, 1000))
        .offset(filter.offset ?? 0)
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        at: row.at,
        action: row.action,
        outcome: row.outcome as AuditEntry['outcome'],
        actor: { userId: row.actor_user_id, username: row.actor_username, via: row.via as Actor['via'], tokenId: row.token_id },
        project: row.project_name,
        target: row.target,
        sourceAddress: row.source_address,
        details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
      }));
    },
  };
}

/**
 * The audit log, telling `listener` of each event once its row is written (notifications hear of what
 * happened this way). The listener must not throw or wait: the caller of `record` goes on at once.
 */
export function observedAudit(log: AuditLog, listener: (event: AuditEvent) => void): AuditLog {
  return {
    list: (filter) => log.list(filter),
    async record(event) {
      await log.record(event);
      try {
        listener(event);
      } catch {
        // A listener's failure is its own; the action was done and audited.
      }
    },
  };
}
