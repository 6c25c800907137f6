// Kysely types of the project, member, data-access-group and participant tables (see the access migration).
export interface ProjectRow {
  name: string;
  description: string;
  rek_number: string | null;
  start_date: string | null;
  end_date: string | null;
  principal_investigator: string | null;
  participant_pattern: string;
  events: string;
  destination_aet: string;
  destination_host: string;
  destination_port: number;
  destination_dicomweb_url: string | null;
  deid_options: string;
  /** JSON auto-ID rule or null (routing migration). */
  auto_id_rule: string | null;
  /** Birth year in exports: the approval's reference, who set it and when (birth-year-export migration); null: not approved. */
  birth_year_approval: string | null;
  birth_year_set_by: string | null;
  birth_year_set_at: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface ProjectMemberRow {
  project_name: string;
  user_id: string;
  role: string;
  data_access_group: string | null;
  created_at: string;
}

export interface DataAccessGroupRow {
  project_name: string;
  name: string;
  created_at: string;
}

export interface ParticipantRow {
  project_name: string;
  participant_id: string;
  data_access_group: string | null;
  date_offset_days: number;
  /** Birth year only, kept at assignment where the project is approved for it (birth-year-export migration). */
  birth_year: number | null;
  created_at: string;
  created_by: string | null;
}

export interface ProjectTables {
  projects: ProjectRow;
  project_members: ProjectMemberRow;
  data_access_groups: DataAccessGroupRow;
  participants: ParticipantRow;
}

/** Applications for new projects (lifecycle migration). */
export interface ProjectApplicationRow {
  id: string;
  project_name: string;
  form: string;
  applicant: string;
  status: string;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectStatusChangeRow {
  id: string;
  project_name: string;
  from_status: string | null;
  to_status: string;
  by_user: string | null;
  reason: string | null;
  details: string | null;
  at: string;
}

export interface ProjectDeletionRow {
  project_name: string;
  requested_by: string;
  requested_at: string;
  reason: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  report: string | null;
}

export interface AccessRequestRow {
  id: string;
  project_name: string;
  username: string;
  message: string | null;
  status: string;
  role: string | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface LifecycleTables {
  project_applications: ProjectApplicationRow;
  access_requests: AccessRequestRow;
  project_status_changes: ProjectStatusChangeRow;
  project_deletions: ProjectDeletionRow;
}
