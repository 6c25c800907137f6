// Refusals a person can act on (issue 10 item 3): an instance the de-identification refused while forwarding
// waits here for a data manager, with the tag paths and the reason (never the identifying value). A decision
// (an option changed, a private tag on or off the allow-list, the instance excluded) is kept with it; an
// excluded instance never leaves for the project.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deid_refusals')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('transfer_id', 'varchar(36)', (c) => c.references('transfers.id').onDelete('set null'))
    .addColumn('study_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('series_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('sop_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull()) // the redacted reason: tag paths, never values
    .addColumn('places', 'text', (c) => c.notNull()) // JSON [{tagPath, privateTag}]
    .addColumn('status', 'text', (c) => c.notNull()) // open | decided | excluded | resolved
    .addColumn('decision', 'text') // JSON, the last decision
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deid_refusals_instance', ['project_name', 'sop_instance_uid'])
    .execute();
  await db.schema.createIndex('deid_refusals_study').on('deid_refusals').columns(['project_name', 'study_instance_uid']).execute();
  await db.schema.createIndex('deid_refusals_status').on('deid_refusals').columns(['project_name', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deid_refusals').execute();
}
