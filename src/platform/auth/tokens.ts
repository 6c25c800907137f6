// API tokens: 32 random bytes, shown once, stored only as their SHA-256 (a token has far more entropy
// than a password, so a fast hash is enough and keeps every request cheap).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { ApiTokenRow } from './tables.js';

export const TOKEN_PREFIX = 'fiona_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  /** The first characters of the token, to tell tokens apart in a list. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** null: never expires. */
  expiresAt: string | null;
  /** Whether requests made with this token may create tokens. */
  mayCreateTokens: boolean;
}

function toToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
    mayCreateTokens: Number(row.may_create_tokens) === 1,
  };
}

export interface TokensRepository {
  insert(token: { userId: string; name: string; secret: string; createdAt: string; expiresAt?: string | null; mayCreateTokens?: boolean }): Promise<ApiToken>;
  findBySecret(secret: string): Promise<ApiToken | undefined>;
  findById(id: string): Promise<ApiToken | undefined>;
  listForUser(userId: string): Promise<ApiToken[]>;
  revoke(id: string, at: string): Promise<void>;
  /** Revoke every live token of the user; returns how many. */
  revokeForUser(userId: string, at: string): Promise<number>;
  touch(id: string, at: string): Promise<void>;
}

export function tokensRepository(db: Db): TokensRepository {
  const k = db.kysely;
  return {
    async insert(token) {
      const row: ApiTokenRow = {
        id: randomUUID(),
        user_id: token.userId,
        name: token.name,
        token_hash: hashSecret(token.secret),
        prefix: token.secret.slice(0, TOKEN_PREFIX.length + 6),
        created_at: token.createdAt,
        last_used_at: null,
        revoked_at: null,
        expires_at: token.expiresAt ?? null,
        may_create_tokens: token.mayCreateTokens ? 1 : 0,
      };
      await k.insertInto('api_tokens').values(row).execute();
      return toToken(row);
    },
    async findBySecret(secret) {
      const row = await k.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashSecret(secret)).executeTakeFirst();
      return row && toToken(row);
    },
    async findById(id) {
      const row = await k.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toToken(row);
    },
    async listForUser(userId) {
      return (await k.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at').execute()).map(toToken);
    },
    async revoke(id, at) {
      await k.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
    async revokeForUser(userId, at) {
      const result = await k.updateTable('api_tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async touch(id, at) {
      await k.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
