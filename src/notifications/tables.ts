// Kysely types of the notification tables (see the notifications migration).
export interface NotificationSettingsRow {
  user_id: string;
  email: string | null;
  digest: number;
  updated_at: string;
}

export interface NotificationSubscriptionRow {
  user_id: string;
  project_name: string;
  kind: string;
}

export interface MailOutboxRow {
  id: string;
  user_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  dedupe_key: string | null;
  status: string;
  attempts: number;
  next_try_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface NotificationTables {
  notification_settings: NotificationSettingsRow;
  notification_subscriptions: NotificationSubscriptionRow;
  mail_outbox: MailOutboxRow;
}
