// E-mail notifications (issue 15 item 4, issue 17): each user's address and digest choice, what they want
// to hear about per project, and a durable outbox the mail job sends from (retries with backoff, so an
// SMTP server that is down delays mail and never blocks a transfer or a request). `dedupe_key` makes a
// warning (a transfer failing on every retry, an ethics-approval step) one message per recipient.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'varchar(36)', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notification_subscriptions')
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('project_name', 'varchar(20)', (c) => c.notNull().references('projects.name').onDelete('cascade'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull()) // study-arrived | transfer-failed | reconcile-mismatch | pixel-review | approval-ending
    .addPrimaryKeyConstraint('notification_subscriptions_pk', ['user_id', 'project_name', 'kind'])
    .execute();
  await db.schema.createIndex('notification_subscriptions_project').on('notification_subscriptions').columns(['project_name', 'kind']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // queued | sent | failed | digest (waits for the daily digest) | digested
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_try_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_try_at']).execute();
  await db.schema.createIndex('mail_outbox_dedupe').on('mail_outbox').columns(['user_id', 'dedupe_key']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['mail_outbox', 'notification_subscriptions', 'notification_settings']) await db.schema.dropTable(table).execute();
}
