// Wiring: the services of accounts, projects and participants over one database, for the web app and the
// command line. Each service gets only the repositories it uses.
import type { Db } from '../platform/db/database.js';
import { createAuditLog, type AuditLog } from '../platform/audit/audit.js';
import { AuthService } from '../platform/auth/service.js';
import { sessionsRepository } from '../platform/auth/sessions.js';
import { tokensRepository } from '../platform/auth/tokens.js';
import { usersRepository } from '../platform/auth/users.js';
import { membersRepository, type MembersRepository } from './members-repository.js';
import { participantsRepository } from './participants-repository.js';
import { ParticipantsService, randomDateOffset, type DateOffsetFn } from './participants-service.js';
import { projectsRepository } from './projects-repository.js';
import { ProjectsService } from './projects-service.js';

export interface AccessServices {
  audit: AuditLog;
  auth: AuthService;
  projects: ProjectsService;
  participants: ParticipantsService;
  members: MembersRepository;
}

export function createAccessServices(db: Db, options: { dateOffsetDays?: DateOffsetFn; now?: () => Date } = {}): AccessServices {
  const now = options.now;
  const audit = createAuditLog(db, now);
  const auth = new AuthService({ users: usersRepository(db), sessions: sessionsRepository(db), tokens: tokensRepository(db), audit, now });
  const projects = projectsRepository(db);
  const members = membersRepository(db);
  return {
    audit,
    auth,
    members,
    projects: new ProjectsService({ projects, members, users: auth, audit, now }),
    participants: new ParticipantsService({ projects, members, participants: participantsRepository(db), audit, dateOffsetDays: options.dateOffsetDays ?? randomDateOffset, now }),
  };
}
