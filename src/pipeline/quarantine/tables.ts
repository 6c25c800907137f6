// Kysely types of the quarantine index tables (see the quarantine migration).
import type { Generated } from 'kysely';

export interface StudyRow {
  study_instance_uid: string;
  patient_id: string | null;
  patient_name: string | null;
  patient_birth_date: string | null;
  patient_sex: string | null;
  accession_number: string | null;
  study_id: string | null;
  study_date: string | null;
  study_time: string | null;
  study_description: string | null;
  modalities: Generated<string>;
  manufacturer: string | null;
  model_name: string | null;
  station_name: string | null;
  institution_name: string | null;
  operators_name: string | null;
  referring_physician_name: string | null;
  calling_aet: string | null;
  source_address: string | null;
  series_count: Generated<number>;
  instance_count: Generated<number>;
  size_bytes: Generated<number>;
  first_received_at: string;
  last_received_at: string;
  arrived_at: string | null;
  // Routing of the last arrival (see the study-routing migration): pending | running | done | failed.
  routing_status: string | null;
  routing_attempts: Generated<number>;
  routing_next_try_at: string | null;
  routing_error: string | null;
  routing_lease_owner: string | null;
  routing_lease_expires_at: string | null;
  routed_at: string | null;
}

export interface SeriesRow {
  series_instance_uid: string;
  study_instance_uid: string;
  series_number: string | null;
  series_description: string | null;
  modality: string | null;
  sop_class_uid: string | null;
  body_part_examined: string | null;
  instance_count: Generated<number>;
  first_received_at: string;
  last_received_at: string;
}

export interface InstanceRow {
  sop_instance_uid: string;
  series_instance_uid: string;
  study_instance_uid: string;
  sop_class_uid: string;
  transfer_syntax_uid: string;
  instance_number: string | null;
  path: string;
  size_bytes: number;
  calling_aet: string | null;
  source_address: string | null;
  received_at: string;
  /** Null for rows indexed before the conflict check existed. */
  dataset_bytes: number | null;
  content_sha256: string | null;
}

export interface InstanceConflictRow {
  id: string;
  sop_instance_uid: string;
  sop_class_uid: string;
  transfer_syntax_uid: string;
  study_instance_uid: string;
  series_instance_uid: string;
  existing_study_instance_uid: string;
  existing_series_instance_uid: string;
  facts: string;
  path: string;
  size_bytes: number;
  dataset_bytes: number;
  content_sha256: string;
  calling_aet: string | null;
  source_address: string | null;
  received_at: string;
  status: 'open' | 'resolved';
  resolution: 'kept-first' | 'took-new' | 'kept-both' | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface QuarantineTables {
  studies: StudyRow;
  series: SeriesRow;
  instances: InstanceRow;
  instance_conflicts: InstanceConflictRow;
}
