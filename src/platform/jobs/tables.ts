// Kysely types of the job locks (see the routing migration).

export interface JobLockRow {
  name: string;
  owner: string;
  locked_until: string;
}

export interface JobTables {
  job_locks: JobLockRow;
}
