// What the API shows of domain objects: camelCase JSON, nothing internal (no hashes, no date offsets).
import type { User } from '../platform/auth/users.js';
import type { ApiToken } from '../platform/auth/tokens.js';
import type { Member } from '../projects/members-repository.js';
import type { Participant } from '../projects/participants-repository.js';
import { assignmentBlockedReason, type Project } from '../projects/rules.js';

export function userView(u: User) {
  return { id: u.id, username: u.username, displayName: u.displayName, isAdmin: u.isAdmin, disabled: u.disabled, lastSignInAt: u.lastSignInAt, lockedUntil: u.lockedUntil, createdAt: u.createdAt, authSource: u.authSource };
}

export function tokenView(t: ApiToken) {
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt, expiresAt: t.expiresAt, mayCreateTokens: t.mayCreateTokens };
}

export function projectView(p: Project, extra: { role?: string | null; dataAccessGroup?: string | null } = {}, today = new Date().toISOString().slice(0, 10)) {
  const blocked = assignmentBlockedReason(p, today);
  return {
    name: p.name,
    description: p.description,
    rekNumber: p.rekNumber,
    startDate: p.startDate,
    endDate: p.endDate,
    principalInvestigator: p.principalInvestigator,
    participantPattern: p.participantPattern,
    events: p.events,
    destination: p.destination,
    deidOptions: p.deidOptions,
    autoIdRule: p.autoIdRule,
    birthYearInExport: p.birthYearInExport,
    status: p.status,
    acceptsAssignments: blocked === null,
    ...(blocked ? { assignmentsBlockedBecause: blocked } : {}),
    ...('role' in extra ? { myRole: extra.role ?? null, myDataAccessGroup: extra.dataAccessGroup ?? null } : {}),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function memberView(m: Member) {
  return { username: m.username, role: m.role, dataAccessGroup: m.dataAccessGroup, createdAt: m.createdAt };
}

export function participantView(p: Participant) {
  return { id: p.id, dataAccessGroup: p.dataAccessGroup, createdAt: p.createdAt, createdBy: p.createdBy };
}
