// Projects, their members and data access groups. Admins create and configure projects; a project's
// owners manage its members; every member can read the project. Non-members get 404 for every project
// route (see web/permissions), so they cannot even learn which projects exist.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { PROJECT_ROLES } from '../../platform/auth/permissions.js';
import type { ProjectsService } from '../../projects/projects-service.js';
import type { LifecycleService } from '../../projects/lifecycle-service.js';
import { PROJECT_STATUSES } from '../../projects/rules.js';
import { AUTO_ID_FIELDS } from '../../projects/auto-id-rule.js';
import { defineRoute } from '../routes.js';
import { memberView, projectView } from '../views.js';

const nameParam = z.object({ name: z.string().max(64) });
const memberParam = nameParam.extend({ username: z.string().max(64) });
const optionalText = z.string().nullable().optional();

const destination = z.object({ aet: z.string(), host: z.string(), port: z.number().int(), dicomwebUrl: z.string().nullable().optional() }).strict();
const deidOptions = z.record(z.unknown()).describe('de-identification options (DEID-SPEC section 1); unknown options are refused');

const autoIdRule = z
  .object({ field: z.enum(AUTO_ID_FIELDS), pattern: z.string(), event: z.string() })
  .strict()
  .describe('auto-ID: a regular expression on the incoming PatientID or PatientName whose capture group is the participant ID; matching studies are assigned to `event` without a person');

const birthYearInExport = z
  .object({ approval: z.string(), setBy: z.string().nullable(), setAt: z.string() })
  .nullable()
  .describe('approved by a site admin to keep participants\' birth years (year only, from the quarantine copy at assignment) and write them into exports with the birthYear transform; null: not approved');

const projectFields = {
  description: optionalText,
  rekNumber: optionalText.describe('ethics approval (REK) number'),
  startDate: optionalText.describe('REK approval start, YYYY-MM-DD'),
  endDate: optionalText.describe('REK approval end, YYYY-MM-DD; after it the project takes no new assignments'),
  principalInvestigator: optionalText,
  participantPattern: z.string().describe('regular expression every participant ID must match in full; must not match the empty string'),
  events: z.array(z.string()).describe('event names, in order'),
  deidOptions: deidOptions.optional(),
  autoIdRule: autoIdRule.nullable().optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
};

const newProject = z.object({ name: z.string().describe('5-20 letters, digits, "-", "_"; unique'), ...projectFields, destination, owner: z.string().optional().describe('username of the first owner') }).strict();
const projectChanges = z
  .object({ ...projectFields, participantPattern: projectFields.participantPattern.optional(), events: projectFields.events.optional(), destination: destination.partial().optional() })
  .strict();

const projectSchema = z.object({
  name: z.string(),
  description: z.string(),
  rekNumber: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  principalInvestigator: z.string().nullable(),
  participantPattern: z.string(),
  events: z.array(z.string()),
  destination: z.object({ aet: z.string(), host: z.string(), port: z.number(), dicomwebUrl: z.string().nullable() }),
  deidOptions,
  autoIdRule: autoIdRule.nullable(),
  birthYearInExport,
  status: z.enum(PROJECT_STATUSES),
  acceptsAssignments: z.boolean(),
  assignmentsBlockedBecause: z.string().optional(),
  myRole: z.enum(PROJECT_ROLES).nullable().optional(),
  myDataAccessGroup: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const memberSchema = z.object({ username: z.string(), role: z.enum(PROJECT_ROLES), dataAccessGroup: z.string().nullable(), createdAt: z.string() });
const groupSchema = z.object({ name: z.string(), createdAt: z.string() });

export function projectsRoutes(deps: { projects: ProjectsService; lifecycle: Pick<LifecycleService, 'change'> }): FastifyPluginAsync {
  const { projects } = deps;
  return async (app) => {
    defineRoute(app, {
      method: 'GET',
      url: '/api/projects',
      summary: 'List the projects you can see',
      description: 'Admins see every project; others the projects they are members of, with their role.',
      tags: ['projects'],
      permission: 'authenticated',
      response: z.array(projectSchema),
      handler: async ({ auth }) => (await projects.listVisible(auth.principal)).map((p) => projectView(p, { role: p.role, dataAccessGroup: p.dataAccessGroup })),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects',
      summary: 'Create a project',
      tags: ['projects'],
      permission: 'admin',
      body: newProject,
      response: projectSchema,
      status: 201,
      handler: async ({ body, auth }) => projectView(await projects.create(body, auth.actor)),
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name',
      summary: 'Show a project',
      tags: ['projects'],
      permission: { project: 'project:read' },
      params: nameParam,
      response: projectSchema,
      handler: async ({ params, auth }) => projectView(await projects.get(params.name), { role: auth.project?.role ?? null, dataAccessGroup: auth.project?.dataAccessGroup ?? null }),
    });

    defineRoute(app, {
      method: 'PATCH',
      url: '/api/projects/:name',
      summary: 'Change a project\'s settings',
      description: 'The name never changes. Events can be added but not removed. A new status takes the same path as POST /api/projects/{name}/status (its rules, who and when recorded); hand-over and deletion only there.',
      tags: ['projects'],
      permission: 'admin',
      params: nameParam,
      body: projectChanges,
      response: projectSchema,
      handler: async ({ params, body, auth }) => {
        const { status, ...changes } = body;
        if (status !== undefined && status !== (await projects.get(params.name)).status) await deps.lifecycle.change(params.name, { status }, auth.actor);
        return projectView(Object.keys(changes).length > 0 ? await projects.update(params.name, changes, auth.actor) : await projects.get(params.name));
      },
    });

    defineRoute(app, {
      method: 'PUT',
      url: '/api/projects/:name/birth-year-export',
      summary: 'Allow or stop birth years in the project\'s exports',
      description: 'Site admins only, audited. Allowing needs the approval\'s reference (e.g. the REK decision); from then on each assignment keeps the participant\'s birth year (year only, from the quarantine copy\'s PatientBirthDate), and exports may ask for the birthYear transform. Stopping forgets every kept year of the project.',
      tags: ['projects'],
      permission: 'admin',
      params: nameParam,
      body: z.object({ enabled: z.boolean(), approval: z.string().max(200).optional().describe('required when enabled') }).strict(),
      response: projectSchema,
      handler: async ({ params, body, auth }) => projectView(await projects.setBirthYearInExport(params.name, body, auth.actor)),
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/members',
      summary: 'List a project\'s members',
      tags: ['members'],
      permission: { project: 'project:read' },
      params: nameParam,
      response: z.array(memberSchema),
      handler: async ({ params }) => (await projects.listMembers(params.name)).map(memberView),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/members',
      summary: 'Add a member',
      description: `Roles: ${PROJECT_ROLES.join(', ')}. A member with a data access group sees only that group's participants.`,
      tags: ['members'],
      permission: { project: 'members:manage' },
      params: nameParam,
      body: z.object({ username: z.string(), role: z.string(), dataAccessGroup: z.string().nullable().optional() }).strict(),
      response: memberSchema,
      status: 201,
      handler: async ({ params, body, auth }) => memberView(await projects.addMember(params.name, body, auth.actor)),
    });

    defineRoute(app, {
      method: 'PATCH',
      url: '/api/projects/:name/members/:username',
      summary: 'Change a member\'s role or data access group',
      tags: ['members'],
      permission: { project: 'members:manage' },
      params: memberParam,
      body: z.object({ role: z.string().optional(), dataAccessGroup: z.string().nullable().optional() }).strict(),
      response: memberSchema,
      handler: async ({ params, body, auth }) => memberView(await projects.updateMember(params.name, params.username, body, auth.principal, auth.actor)),
    });

    defineRoute(app, {
      method: 'DELETE',
      url: '/api/projects/:name/members/:username',
      summary: 'Remove a member',
      description: 'Their access, and that of their API tokens, ends at once.',
      tags: ['members'],
      permission: { project: 'members:manage' },
      params: memberParam,
      status: 204,
      handler: async ({ params, auth }) => {
        await projects.removeMember(params.name, params.username, auth.principal, auth.actor);
      },
    });

    defineRoute(app, {
      method: 'GET',
      url: '/api/projects/:name/groups',
      summary: 'List a project\'s data access groups',
      tags: ['members'],
      permission: { project: 'project:read' },
      params: nameParam,
      response: z.array(groupSchema),
      handler: async ({ params }) => (await projects.listGroups(params.name)).map((g) => ({ name: g.name, createdAt: g.createdAt })),
    });

    defineRoute(app, {
      method: 'POST',
      url: '/api/projects/:name/groups',
      summary: 'Add a data access group (for multi-site projects)',
      tags: ['members'],
      permission: { project: 'members:manage' },
      params: nameParam,
      body: z.object({ name: z.string() }).strict(),
      response: groupSchema,
      status: 201,
      handler: async ({ params, body, auth }) => {
        const g = await projects.addGroup(params.name, body.name, auth.actor);
        return { name: g.name, createdAt: g.createdAt };
      },
    });
  };
}
