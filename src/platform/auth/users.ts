// Storage of user accounts. A plain adapter: the rules live in the auth service.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { UserRow } from './tables.js';

export interface User {
  id: string;
  username: string;
  displayName: string | null;
  isAdmin: boolean;
  disabled: boolean;
  hasPassword: boolean;
  failedSignIns: number;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  /** Where the password lives: here ('local'), or in the directory ('ldap', 'oidc'). */
  authSource: AuthSource;
}

export type AuthSource = 'local' | 'ldap' | 'oidc';

export interface StoredUser extends User {
  passwordHash: string | null;
  externalId: string | null;
}

function toUser(row: UserRow): StoredUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    isAdmin: Number(row.is_admin) === 1,
    disabled: Number(row.disabled) === 1,
    hasPassword: row.password_hash !== null,
    passwordHash: row.password_hash,
    failedSignIns: Number(row.failed_sign_ins),
    lockedUntil: row.locked_until,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    authSource: (row.auth_source ?? 'local') as AuthSource,
    externalId: row.external_id ?? null,
  };
}

export function publicUser(user: StoredUser | User): User {
  const { passwordHash: _hidden, externalId: _external, ...rest } = user as StoredUser;
  return rest;
}

export interface UsersRepository {
  count(): Promise<number>;
  list(): Promise<StoredUser[]>;
  findById(id: string): Promise<StoredUser | undefined>;
  findByUsername(username: string): Promise<StoredUser | undefined>;
  findByExternalId(externalId: string): Promise<StoredUser | undefined>;
  insert(user: { username: string; displayName?: string | null; passwordHash: string | null; isAdmin: boolean; createdAt: string; authSource?: AuthSource; externalId?: string | null }): Promise<StoredUser>;
  update(id: string, changes: { passwordHash?: string | null; isAdmin?: boolean; disabled?: boolean; displayName?: string | null }): Promise<void>;
  /** Count one more failed sign-in (atomically) and return the new count. */
  recordFailure(id: string): Promise<number>;
  setLockedUntil(id: string, lockedUntil: string | null): Promise<void>;
  /** Clear the failure count and pause; set the last sign-in time. */
  recordSuccess(id: string, at: string | null): Promise<void>;
}

export function usersRepository(db: Db): UsersRepository {
  const k = db.kysely;
  return {
    async count() {
      const row = await k.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async list() {
      return (await k.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
    },
    async findById(id) {
      const row = await k.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },
    async findByUsername(username) {
      const row = await k.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      return row && toUser(row);
    },
    async findByExternalId(externalId) {
      const row = await k.selectFrom('users').selectAll().where('external_id', '=', externalId).executeTakeFirst();
      return row && toUser(row);
    },
    async insert(user) {
      const row: UserRow = {
        id: randomUUID(),
        username: user.username,
        display_name: user.displayName ?? null,
        password_hash: user.passwordHash,
        is_admin: user.isAdmin ? 1 : 0,
        disabled: 0,
        failed_sign_ins: 0,
        locked_until: null,
        last_sign_in_at: null,
        created_at: user.createdAt,
        auth_source: user.authSource ?? 'local',
        external_id: user.externalId ?? null,
      };
      await k.insertInto('users').values(row).execute();
      return toUser(row);
    },
    async update(id, changes) {
      const values: Partial<UserRow> = {};
      if (changes.passwordHash !== undefined) values.password_hash = changes.passwordHash;
      if (changes.isAdmin !== undefined) values.is_admin = changes.isAdmin ? 1 : 0;
      if (changes.disabled !== undefined) values.disabled = changes.disabled ? 1 : 0;
      if (changes.displayName !== undefined) values.display_name = changes.displayName;
      if (Object.keys(values).length === 0) return;
      await k.updateTable('users').set(values).where('id', '=', id).execute();
    },
    async recordFailure(id) {
      await k.updateTable('users').set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) })).where('id', '=', id).execute();
      const row = await k.selectFrom('users').select('failed_sign_ins').where('id', '=', id).executeTakeFirst();
      return Number(row?.failed_sign_ins ?? 0);
    },
    async setLockedUntil(id, lockedUntil) {
      await k.updateTable('users').set({ locked_until: lockedUntil }).where('id', '=', id).execute();
    },
    async recordSuccess(id, at) {
      await k.updateTable('users').set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: at }).where('id', '=', id).execute();
    },
  };
}
