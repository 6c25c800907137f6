// Kysely types of the transfer tables and the per-project imaging record (see the routing migration).
import type { Generated } from 'kysely';

export interface TransferRow {
  id: string;
  study_instance_uid: string;
  project_name: string;
  participant_id: string;
  event_name: string;
  status: string;
  instances_to_send: Generated<number>;
  instances_sent: Generated<number>;
  instances_confirmed: Generated<number>;
  instances_refused: Generated<number>;
  attempts: Generated<number>;
  next_try_at: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  rerun: Generated<number>;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface TransferInstanceRow {
  transfer_id: string;
  sop_instance_uid: string;
  status: string;
  research_sop_uid: string | null;
  research_series_uid: string | null;
  reason: string | null;
  at: string;
}

export interface ImagingRecordRow {
  project_name: string;
  research_study_uid: string;
  participant_id: string;
  event_name: string;
  modalities: Generated<string>;
  study_date: string | null;
  series_count: Generated<number>;
  instances_sent: Generated<number>;
  pacs_series: number | null;
  pacs_instances: number | null;
  checked_at: string | null;
  transferred_at: string | null;
}

export interface ForwardTables {
  transfers: TransferRow;
  transfer_instances: TransferInstanceRow;
  imaging_records: ImagingRecordRow;
}
