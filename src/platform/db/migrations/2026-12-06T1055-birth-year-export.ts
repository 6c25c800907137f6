// Birth year in exports (issue 11, item 3): a project a site admin approved for it (with the approval's
// reference, who and when) keeps each participant's birth YEAR, taken from the quarantine copy at
// assignment; an export may write it back. Never the full date, and nothing for projects without approval.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('birth_year_approval', 'text').execute();
  await db.schema.alterTable('projects').addColumn('birth_year_set_by', 'text').execute();
  await db.schema.alterTable('projects').addColumn('birth_year_set_at', 'text').execute();
  await db.schema.alterTable('participants').addColumn('birth_year', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participants').dropColumn('birth_year').execute();
  for (const column of ['birth_year_set_at', 'birth_year_set_by', 'birth_year_approval']) await db.schema.alterTable('projects').dropColumn(column).execute();
}
