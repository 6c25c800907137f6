// Browser sessions, stored in the database so that any web node can check them. The cookie carries a
// random value; the table keeps only its SHA-256, so a copy of the database cannot be used to sign in.
import type { Db } from '../db/database.js';
import { hashSecret } from './tokens.js';

export interface Session {
  idHash: string;
  userId: string;
  csrfToken: string;
  sourceAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface SessionsRepository {
  insert(session: { secret: string; userId: string; csrfToken: string; sourceAddress: string | null; createdAt: string; expiresAt: string }): Promise<void>;
  findBySecret(secret: string): Promise<Session | undefined>;
  touch(idHash: string, at: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
  deleteExpired(before: string): Promise<void>;
}

export function sessionsRepository(db: Db): SessionsRepository {
  const k = db.kysely;
  return {
    async insert(s) {
      await k
        .insertInto('sessions')
        .values({ id_hash: hashSecret(s.secret), user_id: s.userId, csrf_token: s.csrfToken, source_address: s.sourceAddress, created_at: s.createdAt, last_seen_at: s.createdAt, expires_at: s.expiresAt })
        .execute();
    },
    async findBySecret(secret) {
      const row = await k.selectFrom('sessions').selectAll().where('id_hash', '=', hashSecret(secret)).executeTakeFirst();
      return row && { idHash: row.id_hash, userId: row.user_id, csrfToken: row.csrf_token, sourceAddress: row.source_address, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
    },
    async touch(idHash, at) {
      await k.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },
    async delete(idHash) {
      await k.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteForUser(userId) {
      await k.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async deleteExpired(before) {
      await k.deleteFrom('sessions').where('expires_at', '<', before).execute();
    },
  };
}
