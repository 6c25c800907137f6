// Kysely types of the audit log (see the access migration). Rows are only ever inserted.
import type { Generated } from 'kysely';

export interface AuditRow {
  id: Generated<number>;
  at: string;
  actor_user_id: string | null;
  actor_username: string | null;
  via: string;
  token_id: string | null;
  action: string;
  outcome: string;
  project_name: string | null;
  target: string | null;
  source_address: string | null;
  details: string | null;
}

export interface AuditTables {
  audit_log: AuditRow;
}
