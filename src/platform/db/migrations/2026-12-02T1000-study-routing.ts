// Routing as a durable step: marking a study arrived also makes it due for routing (routing_status
// 'pending'), and routing workers claim it with a lease, retry failures with backoff and record the error,
// as transfers do. A crash between arrival and routing therefore only delays routing.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite adds one at a time.
  await db.schema.alterTable('studies').addColumn('routing_status', 'text').execute(); // pending | running | done | failed
  await db.schema.alterTable('studies').addColumn('routing_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('studies').addColumn('routing_next_try_at', 'text').execute();
  await db.schema.alterTable('studies').addColumn('routing_error', 'text').execute();
  await db.schema.alterTable('studies').addColumn('routing_lease_owner', 'text').execute();
  await db.schema.alterTable('studies').addColumn('routing_lease_expires_at', 'text').execute();
  await db.schema.alterTable('studies').addColumn('routed_at', 'text').execute();
  await db.schema.createIndex('studies_routing_due').on('studies').columns(['routing_status', 'routing_next_try_at']).execute();
  // Studies that arrived before this migration were routed when they arrived.
  await sql`update studies set routing_status = 'done', routed_at = arrived_at where arrived_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('studies_routing_due').execute();
  for (const column of ['routed_at', 'routing_lease_expires_at', 'routing_lease_owner', 'routing_error', 'routing_next_try_at', 'routing_attempts', 'routing_status']) {
    await db.schema.alterTable('studies').dropColumn(column).execute();
  }
}
