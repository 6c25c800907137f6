// Storage of project members and data access groups. A plain adapter.
import type { Db } from '../platform/db/database.js';
import type { ProjectRole } from '../platform/auth/permissions.js';

export interface Member {
  project: string;
  userId: string;
  username: string;
  role: ProjectRole;
  /** Null: the member sees every participant; otherwise only this group's. */
  dataAccessGroup: string | null;
  createdAt: string;
}

export interface Membership {
  role: ProjectRole;
  dataAccessGroup: string | null;
}

export interface DataAccessGroup {
  project: string;
  name: string;
  createdAt: string;
}

export interface MembersRepository {
  membership(project: string, userId: string): Promise<Membership | undefined>;
  /** Every role a user holds, across projects. */
  rolesOf(userId: string): Promise<ProjectRole[]>;
  list(project: string): Promise<Member[]>;
  find(project: string, userId: string): Promise<Member | undefined>;
  insert(member: { project: string; userId: string; role: ProjectRole; dataAccessGroup: string | null; createdAt: string }): Promise<void>;
  update(project: string, userId: string, changes: { role?: ProjectRole; dataAccessGroup?: string | null }): Promise<void>;
  delete(project: string, userId: string): Promise<void>;
  countOwners(project: string): Promise<number>;
  listGroups(project: string): Promise<DataAccessGroup[]>;
  findGroup(project: string, name: string): Promise<DataAccessGroup | undefined>;
  insertGroup(group: DataAccessGroup): Promise<void>;
}

export function membersRepository(db: Db): MembersRepository {
  const k = db.kysely;
  const members = () =>
    k
      .selectFrom('project_members')
      .innerJoin('users', 'users.id', 'project_members.user_id')
      .select(['project_members.project_name', 'project_members.user_id', 'users.username', 'project_members.role', 'project_members.data_access_group', 'project_members.created_at']);
  const toMember = (row: { project_name: string; user_id: string; username: string; role: string; data_access_group: string | null; created_at: string }): Member => ({
    project: row.project_name,
    userId: row.user_id,
    username: row.username,
    role: row.role as ProjectRole,
    dataAccessGroup: row.data_access_group,
    createdAt: row.created_at,
  });
  return {
    async membership(project, userId) {
      const row = await k.selectFrom('project_members').select(['role', 'data_access_group']).where('project_name', '=', project).where('user_id', '=', userId).executeTakeFirst();
      return row && { role: row.role as ProjectRole, dataAccessGroup: row.data_access_group };
    },
    async rolesOf(userId) {
      const rows = await k.selectFrom('project_members').select('role').distinct().where('user_id', '=', userId).execute();
      return rows.map((r) => r.role as ProjectRole);
    },
    async list(project) {
      return (await members().where('project_members.project_name', '=', project).orderBy('users.username').execute()).map(toMember);
    },
    async find(project, userId) {
      const row = await members().where('project_members.project_name', '=', project).where('project_members.user_id', '=', userId).executeTakeFirst();
      return row && toMember(row);
    },
    async insert(m) {
      await k.insertInto('project_members').values({ project_name: m.project, user_id: m.userId, role: m.role, data_access_group: m.dataAccessGroup, created_at: m.createdAt }).execute();
    },
    async update(project, userId, changes) {
      const values: { role?: string; data_access_group?: string | null } = {};
      if (changes.role !== undefined) values.role = changes.role;
      if (changes.dataAccessGroup !== undefined) values.data_access_group = changes.dataAccessGroup;
      if (Object.keys(values).length === 0) return;
      await k.updateTable('project_members').set(values).where('project_name', '=', project).where('user_id', '=', userId).execute();
    },
    async delete(project, userId) {
      await k.deleteFrom('project_members').where('project_name', '=', project).where('user_id', '=', userId).execute();
    },
    async countOwners(project) {
      const row = await k.selectFrom('project_members').select((eb) => eb.fn.countAll<number>().as('n')).where('project_name', '=', project).where('role', '=', 'owner').executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async listGroups(project) {
      const rows = await k.selectFrom('data_access_groups').selectAll().where('project_name', '=', project).orderBy('name').execute();
      return rows.map((r) => ({ project: r.project_name, name: r.name, createdAt: r.created_at }));
    },
    async findGroup(project, name) {
      const r = await k.selectFrom('data_access_groups').selectAll().where('project_name', '=', project).where('name', '=', name).executeTakeFirst();
      return r && { project: r.project_name, name: r.name, createdAt: r.created_at };
    },
    async insertGroup(group) {
      await k.insertInto('data_access_groups').values({ project_name: group.project, name: group.name, created_at: group.createdAt }).execute();
    },
  };
}
