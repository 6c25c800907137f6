// A project's life (issue 17): applications for new projects, every status change with who, when and why,
// corrections of assignments under four eyes, and deletions with two signatures. Deletion removes the
// project row (everything of the project cascades); its deletion record and the audit log stay, so these
// tables name projects without a foreign key.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_applications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull()) // JSON, the validated form
    .addColumn('applicant', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | changes-requested | approved | declined
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_applications_status').on('project_applications').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('access_requests')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | declined
    .addColumn('role', 'text')
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_requests_project').on('access_requests').columns(['project_name', 'status']).execute();

  await db.schema
    .createTable('project_status_changes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text')
    .addColumn('reason', 'text')
    .addColumn('details', 'text') // JSON: hand-over checksum and confirmation, deletion report
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_status_changes_project').on('project_status_changes').columns(['project_name', 'at']).execute();

  await db.schema
    .createTable('project_deletions')
    .addColumn('project_name', 'varchar(20)', (c) => c.primaryKey())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('report', 'text') // JSON: what was deleted in Fiona and in the research PACS
    .execute();

  await db.schema
    .createTable('corrections')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('study_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('from_participant', 'varchar(64)', (c) => c.notNull())
    .addColumn('from_event', 'text', (c) => c.notNull())
    .addColumn('to_participant', 'varchar(64)')
    .addColumn('to_event', 'text')
    .addColumn('remove', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | rejected
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('report', 'text') // JSON: what was removed from the research PACS, what was queued
    .execute();
  await db.schema.createIndex('corrections_study').on('corrections').columns(['study_instance_uid', 'status']).execute();
  await db.schema.createIndex('corrections_project').on('corrections').columns(['project_name', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['corrections', 'project_deletions', 'project_status_changes', 'access_requests', 'project_applications']) await db.schema.dropTable(table).execute();
}
