// Kysely types of the export tables (see the exports migration).
import type { Generated } from 'kysely';

export interface ExportRow {
  id: string;
  project_name: string;
  requested_by: string | null;
  requested_by_name: string;
  spec: string;
  status: string;
  instances_total: Generated<number>;
  instances_done: Generated<number>;
  files: Generated<number>;
  bytes: Generated<number | string>;
  sha256: string | null;
  error: string | null;
  attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  expires_at: string | null;
  outbox: string | null;
  delivery_status: string | null;
  delivery_error: string | null;
  delivery_attempts: Generated<number>;
  delivery_lease_owner: string | null;
  delivery_lease_expires_at: string | null;
  delivered_at: string | null;
  delivered_path: string | null;
}

export interface ExportLayoutRow {
  project_name: string;
  version: number;
  template: string;
  transforms: string;
  saved_by: string | null;
  saved_at: string;
}

export interface ExportTables {
  exports: ExportRow;
  export_layouts: ExportLayoutRow;
}
