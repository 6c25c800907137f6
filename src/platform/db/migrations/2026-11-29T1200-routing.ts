// Routing and forwarding: assignments of quarantine studies to project/participant/event, coupling lists,
// the projects' auto-ID rule, transfers as durable state machines with leases, the instances each transfer
// has delivered, the per-project imaging record, and named locks for scheduled jobs.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON {field: "PatientID" | "PatientName", pattern, event} or null: no automatic assignment.
  await db.schema.alterTable('projects').addColumn('auto_id_rule', 'text').execute();

  await db.schema
    .createTable('assignments')
    .addColumn('study_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('participant_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // person | coupling-list | auto-id | derived
    // For a derived study (made on a workstation from research data): the original study it joins.
    .addColumn('derived_from', 'varchar(64)')
    // The study's UID in the research PACS, known once the first instance was de-identified.
    .addColumn('research_study_uid', 'varchar(64)')
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignments_pk', ['study_instance_uid', 'project_name'])
    .execute();
  await db.schema.createIndex('assignments_research_uid').on('assignments').column('research_study_uid').execute();

  await db.schema
    .createTable('coupling_entries')
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('accession_number', 'varchar(64)', (c) => c.notNull())
    .addColumn('participant_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by_study', 'varchar(64)')
    .addPrimaryKeyConstraint('coupling_entries_pk', ['project_name', 'accession_number'])
    .execute();
  await db.schema.createIndex('coupling_entries_accession').on('coupling_entries').column('accession_number').execute();

  await db.schema
    .createTable('transfers')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('study_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('participant_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | running | done | failed
    .addColumn('instances_to_send', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('instances_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('instances_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('instances_refused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_try_at', 'text') // null: not retried automatically (e.g. every failure was a refusal)
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    // Set when new data arrives while a worker runs the transfer: it is queued again when that run ends.
    .addColumn('rerun', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('transfers_study_project', ['study_instance_uid', 'project_name'])
    .execute();
  await db.schema.createIndex('transfers_due').on('transfers').columns(['status', 'next_try_at']).execute();
  await db.schema.createIndex('transfers_project').on('transfers').columns(['project_name', 'status']).execute();

  await db.schema
    .createTable('transfer_instances')
    .addColumn('transfer_id', 'varchar(36)', (c) => c.notNull().references('transfers.id').onDelete('cascade'))
    .addColumn('sop_instance_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // sent | refused
    .addColumn('research_sop_uid', 'varchar(64)')
    .addColumn('research_series_uid', 'varchar(64)')
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('transfer_instances_pk', ['transfer_id', 'sop_instance_uid'])
    .execute();

  await db.schema
    .createTable('imaging_records')
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('research_study_uid', 'varchar(64)', (c) => c.notNull())
    .addColumn('participant_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('event_name', 'text', (c) => c.notNull())
    .addColumn('modalities', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('study_date', 'text') // shifted by the participant's offset
    .addColumn('series_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('instances_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pacs_series', 'integer') // what the research PACS answered at the last check
    .addColumn('pacs_instances', 'integer')
    .addColumn('checked_at', 'text')
    .addColumn('transferred_at', 'text')
    .addPrimaryKeyConstraint('imaging_records_pk', ['project_name', 'research_study_uid'])
    .execute();

  await db.schema
    .createTable('job_locks')
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['job_locks', 'imaging_records', 'transfer_instances', 'transfers', 'coupling_entries', 'assignments']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('projects').dropColumn('auto_id_rule').execute();
}
