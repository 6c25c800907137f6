// Review (issue 10): the tag inventory of what each project released, kept up to date as instances are
// forwarded (one row per project and tag path, counters added in place, distinct values capped per path).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tag_inventory')
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('vr', 'varchar(2)', (c) => c.notNull())
    .addColumn('instances', 'integer', (c) => c.notNull())
    .addColumn('distinct_values', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('samples', 'text', (c) => c.notNull()) // JSON, at most 5 de-identified values
    .addColumn('flags', 'integer', (c) => c.notNull()) // bits of inventory.ts FLAGS
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged', 'integer', (c) => c.notNull().defaultTo(0)) // 0: a new path, not yet reviewed
    .addPrimaryKeyConstraint('tag_inventory_pk', ['project_name', 'path'])
    .execute();
  await db.schema
    .createTable('tag_inventory_values')
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_inventory_values_pk', ['project_name', 'path', 'value'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['tag_inventory_values', 'tag_inventory']) await db.schema.dropTable(table).execute();
}
