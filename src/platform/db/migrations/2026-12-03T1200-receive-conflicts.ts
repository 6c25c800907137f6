// Receiving without silent overwrite: the dataset size and (when computed) SHA-256 of each quarantined
// instance, so a resend can be compared cheaply, and the table of conflicting copies — a different dataset
// under a SOP Instance UID already in the quarantine — kept apart for an admin to resolve.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('instances').addColumn('dataset_bytes', 'bigint').execute();
  // Hex SHA-256 of the dataset bytes (without the meta header); filled when a copy first had to be compared.
  await db.schema.alterTable('instances').addColumn('content_sha256', 'varchar(64)').execute();

  await db.schema
    .createTable('instance_conflicts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('sop_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('sop_class_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('transfer_syntax_uid', 'varchar(64)', (c) => c.notNull())
    // The incoming copy's place in the hierarchy, and where the quarantined copy was when it came.
    .addColumn('study_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('series_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('existing_study_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('existing_series_instance_uid', 'varchar(64)', (c) => c.notNull())
    // The incoming copy's non-identifying header facts (JSON), for the admin who resolves it.
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('dataset_bytes', 'bigint', (c) => c.notNull())
    .addColumn('content_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('calling_aet', 'text')
    .addColumn('source_address', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | resolved
    .addColumn('resolution', 'text') // kept-first | took-new | kept-both
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('instance_conflicts_status').on('instance_conflicts').columns(['status', 'received_at']).execute();
  await db.schema.createIndex('instance_conflicts_sop').on('instance_conflicts').column('sop_instance_uid').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('instance_conflicts').execute();
  await db.schema.alterTable('instances').dropColumn('content_sha256').execute();
  await db.schema.alterTable('instances').dropColumn('dataset_bytes').execute();
}
