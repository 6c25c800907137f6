// Storage of project applications. A plain adapter.
import type { Db } from '../platform/db/database.js';
import type { Application, ApplicationForm, ApplicationStatus } from './applications.js';
import type { ProjectApplicationRow } from './tables.js';

function toApplication(r: ProjectApplicationRow): Application {
  return { id: r.id, form: JSON.parse(r.form) as ApplicationForm, applicant: r.applicant, status: r.status as ApplicationStatus, reason: r.reason, decidedBy: r.decided_by, decidedAt: r.decided_at, createdAt: r.created_at, updatedAt: r.updated_at };
}

export interface ApplicationsRepository {
  insert(a: Application): Promise<void>;
  get(id: string): Promise<Application | undefined>;
  list(filter: { applicant?: string }): Promise<Application[]>;
  /** An open (pending or changes-requested) application for this project name, ignoring case. */
  openForName(name: string): Promise<Application | undefined>;
  /** Move an application on, only from the given status (false when someone else moved it first). */
  update(id: string, from: ApplicationStatus, changes: Pick<Application, 'status' | 'reason' | 'decidedBy' | 'decidedAt' | 'updatedAt'> & { form?: ApplicationForm }): Promise<boolean>;
}

export function applicationsRepository(db: Db): ApplicationsRepository {
  const k = db.kysely;
  return {
    async insert(a) {
      await k
        .insertInto('project_applications')
        .values({ id: a.id, project_name: a.form.name, form: JSON.stringify(a.form), applicant: a.applicant, status: a.status, reason: a.reason, decided_by: a.decidedBy, decided_at: a.decidedAt, created_at: a.createdAt, updated_at: a.updatedAt })
        .execute();
    },
    async get(id) {
      const r = await k.selectFrom('project_applications').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toApplication(r);
    },
    async list(filter) {
      let q = k.selectFrom('project_applications').selectAll();
      if (filter.applicant) q = q.where('applicant', '=', filter.applicant);
      return (await q.orderBy('created_at', 'desc').limit(500).execute()).map(toApplication);
    },
    async openForName(name) {
      const r = await k
        .selectFrom('project_applications')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['project_name']), '=', name.toLowerCase()))
        .where('status', 'in', ['pending', 'changes-requested'])
        .executeTakeFirst();
      return r && toApplication(r);
    },
    async update(id, from, c) {
      const result = await k
        .updateTable('project_applications')
        .set({ status: c.status, reason: c.reason, decided_by: c.decidedBy, decided_at: c.decidedAt, updated_at: c.updatedAt, ...(c.form ? { form: JSON.stringify(c.form), project_name: c.form.name } : {}) })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
