// OpenID Connect sign-ins under way, between the redirect to the provider and its callback. In the database
// so any web node can finish what another began; the state is stored hashed (it travels in URLs), each row is
// taken once (a replayed callback finds nothing), and rows expire after ten minutes.
import type { Db } from '../db/database.js';
import { hashSecret } from './tokens.js';

export interface PendingSignIn {
  browserHash: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  expiresAt: string;
}

export interface OidcSignInsRepository {
  insert(state: string, pending: PendingSignIn & { createdAt: string }): Promise<void>;
  /** The sign-in with this state, removed as it is read (once only). */
  take(state: string): Promise<PendingSignIn | undefined>;
  deleteExpired(before: string): Promise<void>;
}

export function oidcSignInsRepository(db: Db): OidcSignInsRepository {
  const k = db.kysely;
  return {
    async insert(state, p) {
      await k
        .insertInto('oidc_sign_ins')
        .values({ state_hash: hashSecret(state), browser_hash: p.browserHash, code_verifier: p.codeVerifier, nonce: p.nonce, return_to: p.returnTo, created_at: p.createdAt, expires_at: p.expiresAt })
        .execute();
    },
    async take(state) {
      const hash = hashSecret(state);
      const row = await k.selectFrom('oidc_sign_ins').selectAll().where('state_hash', '=', hash).executeTakeFirst();
      if (!row) return undefined;
      // Only the request that deletes the row may use it: two callbacks with one state cannot both sign in.
      const deleted = await k.deleteFrom('oidc_sign_ins').where('state_hash', '=', hash).executeTakeFirst();
      if (Number(deleted.numDeletedRows) !== 1) return undefined;
      return { browserHash: row.browser_hash, codeVerifier: row.code_verifier, nonce: row.nonce, returnTo: row.return_to, expiresAt: row.expires_at };
    },
    async deleteExpired(before) {
      await k.deleteFrom('oidc_sign_ins').where('expires_at', '<', before).execute();
    },
  };
}
