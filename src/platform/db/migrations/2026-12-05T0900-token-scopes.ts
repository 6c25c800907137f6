// API tokens may expire, and only a token created for it may create further tokens (issue 12): a stolen
// token then cannot be turned into fresh ones. Tokens made before this migration do not expire and may not
// create tokens.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite adds one at a time.
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('may_create_tokens', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('may_create_tokens').execute();
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
}
