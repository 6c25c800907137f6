// Pixel review (DEID-SPEC section 7): instances whose burned-in text the pixel stage could not decide wait
// here for a data manager, with the masks proposed so far; series a data manager declared free of text for
// a project; and a project's known-region masks (rectangles by manufacturer, model and image size).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pixel_reviews')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('transfer_id', 'varchar(36)', (c) => c.references('transfers.id').onDelete('set null'))
    .addColumn('study_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('series_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('sop_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('frames', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('at_risk', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text', (c) => c.notNull()) // never the text that was read
    .addColumn('proposed', 'text', (c) => c.notNull()) // JSON [{frame, box, reason}]
    .addColumn('status', 'text', (c) => c.notNull()) // pending | accepted | safe
    .addColumn('masks', 'text') // JSON, the masks as accepted
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pixel_reviews_instance', ['project_name', 'sop_instance_uid'])
    .execute();
  await db.schema.createIndex('pixel_reviews_status').on('pixel_reviews').columns(['project_name', 'status']).execute();

  await db.schema
    .createTable('pixel_safe_series')
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('series_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pixel_safe_series_pk', ['project_name', 'series_instance_uid'])
    .execute();

  await db.schema
    .createTable('pixel_regions')
    .addColumn('project_name', 'varchar(20)', (c) => c.primaryKey().references('projects.name').onDelete('cascade'))
    .addColumn('regions', 'text', (c) => c.notNull()) // JSON [{manufacturer, model, rows, columns, rects}]
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['pixel_regions', 'pixel_safe_series', 'pixel_reviews']) await db.schema.dropTable(table).execute();
}
