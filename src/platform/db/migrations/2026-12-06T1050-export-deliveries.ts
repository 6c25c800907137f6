// Export deliveries (issue 11, outbox): a finished export delivered to a configured SFTP outbox is a second,
// durable piece of work on the export's row, claimed with its own lease (a crash mid-upload is taken up
// again), with its own outcome, so a failed delivery leaves the export itself done and downloadable.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('exports').addColumn('outbox', 'text').execute();
  await db.schema.alterTable('exports').addColumn('delivery_status', 'text').execute(); // pending | delivering | delivered | failed
  await db.schema.alterTable('exports').addColumn('delivery_error', 'text').execute();
  await db.schema.alterTable('exports').addColumn('delivery_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('exports').addColumn('delivery_lease_owner', 'text').execute();
  await db.schema.alterTable('exports').addColumn('delivery_lease_expires_at', 'text').execute();
  await db.schema.alterTable('exports').addColumn('delivered_at', 'text').execute();
  await db.schema.alterTable('exports').addColumn('delivered_path', 'text').execute();
  await db.schema.createIndex('exports_delivery').on('exports').columns(['delivery_status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('exports_delivery').execute();
  for (const column of ['delivered_path', 'delivered_at', 'delivery_lease_expires_at', 'delivery_lease_owner', 'delivery_attempts', 'delivery_error', 'delivery_status', 'outbox']) {
    await db.schema.alterTable('exports').dropColumn(column).execute();
  }
}
