// Users, sessions, API tokens, projects with their members, data access groups and participants, and the
// audit log. Times are ISO-8601 UTC text, booleans integers 0/1, lists and option sets JSON text, so the
// tables read the same on SQLite and PostgreSQL.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'text')
    .addColumn('password_hash', 'text') // null: signs in through an external provider (OIDC, LDAP) only
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_sign_in_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey()) // SHA-256 of the cookie value
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('source_address', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique()) // SHA-256 of the token
    .addColumn('prefix', 'text', (c) => c.notNull()) // the first characters, to recognise a token in a list
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

  await db.schema
    .createTable('projects')
    .addColumn('name', 'varchar(20)', (c) => c.primaryKey())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rek_number', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('principal_investigator', 'text')
    .addColumn('participant_pattern', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull()) // JSON array of names, in order
    .addColumn('destination_aet', 'text', (c) => c.notNull())
    .addColumn('destination_host', 'text', (c) => c.notNull())
    .addColumn('destination_port', 'integer', (c) => c.notNull())
    .addColumn('destination_dicomweb_url', 'text')
    .addColumn('deid_options', 'text', (c) => c.notNull()) // JSON object, defaults filled in
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('development'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('data_access_groups')
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('data_access_groups_pk', ['project_name', 'name'])
    .execute();

  await db.schema
    .createTable('project_members')
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('data_access_group', 'varchar(64)') // null: sees every participant of the project
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_members_pk', ['project_name', 'user_id'])
    .execute();
  await db.schema.createIndex('project_members_user').on('project_members').column('user_id').execute();

  await db.schema
    .createTable('participants')
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('participant_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('data_access_group', 'varchar(64)')
    .addColumn('date_offset_days', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('participants_pk', ['project_name', 'participant_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', postgres ? sql`bigint generated by default as identity` : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'varchar(36)') // no foreign key: audit rows outlive their users
    .addColumn('actor_username', 'text')
    .addColumn('via', 'text', (c) => c.notNull()) // session | token | cli | system
    .addColumn('token_id', 'varchar(36)')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull()) // ok | denied | failed
    .addColumn('project_name', 'text')
    .addColumn('target', 'text')
    .addColumn('source_address', 'text')
    .addColumn('details', 'text') // JSON object
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_project').on('audit_log').columns(['project_name', 'at']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_user_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'participants', 'project_members', 'data_access_groups', 'projects', 'api_tokens', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
