// Storage of projects. A plain adapter between Project objects and the projects table.
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.js';
import { parseStoredDeidOptions } from './deid-options.js';
import type { Project, ProjectStatus } from './rules.js';
import type { ProjectRow } from './tables.js';
import type { AutoIdRule } from './auto-id-rule.js';

function toRow(p: Project): ProjectRow {
  return {
    name: p.name,
    description: p.description,
    rek_number: p.rekNumber,
    start_date: p.startDate,
    end_date: p.endDate,
    principal_investigator: p.principalInvestigator,
    participant_pattern: p.participantPattern,
    events: JSON.stringify(p.events),
    destination_aet: p.destination.aet,
    destination_host: p.destination.host,
    destination_port: p.destination.port,
    destination_dicomweb_url: p.destination.dicomwebUrl,
    deid_options: JSON.stringify(p.deidOptions),
    auto_id_rule: p.autoIdRule ? JSON.stringify(p.autoIdRule) : null,
    birth_year_approval: p.birthYearInExport?.approval ?? null,
    birth_year_set_by: p.birthYearInExport?.setBy ?? null,
    birth_year_set_at: p.birthYearInExport?.setAt ?? null,
    status: p.status,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

function toProject(row: ProjectRow): Project {
  return {
    name: row.name,
    description: row.description,
    rekNumber: row.rek_number,
    startDate: row.start_date,
    endDate: row.end_date,
    principalInvestigator: row.principal_investigator,
    participantPattern: row.participant_pattern,
    events: JSON.parse(row.events) as string[],
    destination: { aet: row.destination_aet, host: row.destination_host, port: Number(row.destination_port), dicomwebUrl: row.destination_dicomweb_url },
    deidOptions: parseStoredDeidOptions(row.deid_options),
    autoIdRule: row.auto_id_rule ? (JSON.parse(row.auto_id_rule) as AutoIdRule) : null,
    birthYearInExport: row.birth_year_approval ? { approval: row.birth_year_approval, setBy: row.birth_year_set_by, setAt: row.birth_year_set_at ?? row.updated_at } : null,
    status: row.status as ProjectStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface ProjectsRepository {
  find(name: string): Promise<Project | undefined>;
  /** The project whose name equals this one ignoring case (names must be unique regardless of case). */
  findIgnoringCase(name: string): Promise<Project | undefined>;
  list(): Promise<Project[]>;
  /** The projects a user is a member of, with their role and data access group. */
  listForUser(userId: string): Promise<Array<Project & { role: string; dataAccessGroup: string | null }>>;
  /** Insert a project and, in the same transaction, its first members: all or nothing. */
  insert(project: Project, members: Array<{ userId: string; role: string }>): Promise<void>;
  update(project: Project): Promise<void>;
  /** Delete a project; everything that belongs to it goes with it (foreign keys cascade). */
  remove(name: string): Promise<void>;
}

export function projectsRepository(db: Db): ProjectsRepository {
  const k = db.kysely;
  return {
    async find(name) {
      const row = await k.selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirst();
      return row && toProject(row);
    },
    async findIgnoringCase(name) {
      const row = await k.selectFrom('projects').selectAll().where(sql<string>`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
      return row && toProject(row);
    },
    async list() {
      return (await k.selectFrom('projects').selectAll().orderBy('name').execute()).map(toProject);
    },
    async listForUser(userId) {
      const rows = await k
        .selectFrom('projects')
        .innerJoin('project_members', 'project_members.project_name', 'projects.name')
        .selectAll('projects')
        .select(['project_members.role', 'project_members.data_access_group'])
        .where('project_members.user_id', '=', userId)
        .orderBy('projects.name')
        .execute();
      return rows.map((row) => ({ ...toProject(row), role: row.role, dataAccessGroup: row.data_access_group }));
    },
    async insert(project, members) {
      await k.transaction().execute(async (trx) => {
        await trx.insertInto('projects').values(toRow(project)).execute();
        for (const m of members) {
          await trx.insertInto('project_members').values({ project_name: project.name, user_id: m.userId, role: m.role, data_access_group: null, created_at: project.createdAt }).execute();
        }
      });
    },
    async update(project) {
      const { name: _name, created_at: _created, ...values } = toRow(project);
      await k.updateTable('projects').set(values).where('name', '=', project.name).execute();
    },
    async remove(name) {
      await k.deleteFrom('projects').where('name', '=', name).execute();
    },
  };
}
