// Kysely types of the refusal table (see the deid-refusals migration).
export interface DeidRefusalRow {
  id: string;
  project_name: string;
  transfer_id: string | null;
  study_instance_uid: string;
  series_instance_uid: string;
  sop_instance_uid: string;
  code: string;
  reason: string;
  places: string;
  status: string;
  decision: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RefusalTables {
  deid_refusals: DeidRefusalRow;
}
