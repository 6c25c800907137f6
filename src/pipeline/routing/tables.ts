// Kysely types of the routing tables (see the routing migration).

export interface AssignmentRow {
  study_instance_uid: string;
  project_name: string;
  participant_id: string;
  event_name: string;
  source: string;
  derived_from: string | null;
  research_study_uid: string | null;
  assigned_by: string | null;
  assigned_at: string;
}

export interface CouplingEntryRow {
  project_name: string;
  accession_number: string;
  participant_id: string;
  event_name: string;
  uploaded_by: string | null;
  uploaded_at: string;
  used_at: string | null;
  used_by_study: string | null;
}

export interface RoutingTables {
  assignments: AssignmentRow;
  coupling_entries: CouplingEntryRow;
}

/** Corrections of an assignment under four eyes (lifecycle migration). */
export interface CorrectionRow {
  id: string;
  project_name: string;
  study_instance_uid: string;
  from_participant: string;
  from_event: string;
  to_participant: string | null;
  to_event: string | null;
  remove: number;
  reason: string;
  status: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  report: string | null;
}

export interface CorrectionTables {
  corrections: CorrectionRow;
}
