// Exports (issue 11): durable jobs claimed with a lease like transfers; the spec (format, layout, filter,
// transforms) as JSON; the finished zip lives in the data dir until it expires. Saved layouts per project,
// versioned (a new row per change, the highest version is current).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exports')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('requested_by', 'text') // user id (null for a token without a user)
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | running | done | failed | cancelled | expired
    .addColumn('instances_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('instances_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('files', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sha256', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('expires_at', 'text')
    .execute();
  await db.schema.createIndex('exports_status').on('exports').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('exports_project').on('exports').columns(['project_name', 'status']).execute();

  await db.schema
    .createTable('export_layouts')
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('transforms', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text')
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('export_layouts_pk', ['project_name', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['export_layouts', 'exports']) await db.schema.dropTable(table).execute();
}
