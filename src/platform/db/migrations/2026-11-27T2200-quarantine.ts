// The quarantine index: what arrived, from whom, and where its files are. Times are ISO-8601 UTC text,
// which sorts correctly and reads the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('studies')
    .addColumn('study_instance_uid', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('patient_id', 'text')
    .addColumn('patient_name', 'text')
    .addColumn('patient_birth_date', 'text')
    .addColumn('patient_sex', 'text')
    .addColumn('accession_number', 'text')
    .addColumn('study_id', 'text')
    .addColumn('study_date', 'text')
    .addColumn('study_time', 'text')
    .addColumn('study_description', 'text')
    .addColumn('modalities', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('manufacturer', 'text')
    .addColumn('model_name', 'text')
    .addColumn('station_name', 'text')
    .addColumn('institution_name', 'text')
    .addColumn('operators_name', 'text')
    .addColumn('referring_physician_name', 'text')
    .addColumn('calling_aet', 'text')
    .addColumn('source_address', 'text')
    .addColumn('series_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('instance_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('size_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('first_received_at', 'text', (c) => c.notNull())
    .addColumn('last_received_at', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text')
    .execute();
  await db.schema.createIndex('studies_accession').on('studies').column('accession_number').execute();
  await db.schema.createIndex('studies_last_received').on('studies').column('last_received_at').execute();

  await db.schema
    .createTable('series')
    .addColumn('series_instance_uid', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('study_instance_uid', 'varchar(64)', (c) => c.notNull().references('studies.study_instance_uid').onDelete('cascade'))
    .addColumn('series_number', 'text')
    .addColumn('series_description', 'text')
    .addColumn('modality', 'text')
    .addColumn('sop_class_uid', 'text')
    .addColumn('body_part_examined', 'text')
    .addColumn('instance_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_received_at', 'text', (c) => c.notNull())
    .addColumn('last_received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('series_study').on('series').column('study_instance_uid').execute();

  await db.schema
    .createTable('instances')
    .addColumn('sop_instance_uid', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('series_instance_uid', 'varchar(64)', (c) => c.notNull().references('series.series_instance_uid').onDelete('cascade'))
    .addColumn('study_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('sop_class_uid', 'text', (c) => c.notNull())
    .addColumn('transfer_syntax_uid', 'text', (c) => c.notNull())
    .addColumn('instance_number', 'text')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('calling_aet', 'text')
    .addColumn('source_address', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('instances_series').on('instances').column('series_instance_uid').execute();
  await db.schema.createIndex('instances_study').on('instances').column('study_instance_uid').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('instances').execute();
  await db.schema.dropTable('series').execute();
  await db.schema.dropTable('studies').execute();
}
