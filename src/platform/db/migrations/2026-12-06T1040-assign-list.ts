// The Assign list at scale (issue 18): years of arrivals in the index, paged newest first by a cursor
// (last_received_at, study_instance_uid) and filtered by accession (exact, its own index since the first
// migration) and study date range, each answered from an index rather than a scan and sort.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('studies_list_order').on('studies').columns(['last_received_at', 'study_instance_uid']).execute();
  await db.schema.createIndex('studies_study_date').on('studies').column('study_date').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('studies_study_date').execute();
  await db.schema.dropIndex('studies_list_order').execute();
}
