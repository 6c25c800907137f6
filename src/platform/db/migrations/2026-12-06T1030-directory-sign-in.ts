// Sign-in with the hospital's directory (issue 15 item 5): each account says where its password lives
// ('local', 'ldap' or 'oidc') and, for OpenID Connect, which subject of which issuer it is; and the OpenID
// Connect sign-ins under way (state, nonce, PKCE verifier) are kept in the database so any web node can
// finish one another began.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('auth_source', 'text', (c) => c.notNull().defaultTo('local')).execute();
  await db.schema.alterTable('users').addColumn('external_id', 'text').execute();
  await db.schema.createIndex('users_external_id').unique().on('users').column('external_id').execute();
  await db.schema
    .createTable('oidc_sign_ins')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('browser_hash', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oidc_sign_ins').execute();
  await db.schema.dropIndex('users_external_id').execute();
  await db.schema.alterTable('users').dropColumn('external_id').execute();
  await db.schema.alterTable('users').dropColumn('auth_source').execute();
}
