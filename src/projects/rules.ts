// The rules of projects and participants, as pure functions over plain data: what a valid project looks
// like, which participant IDs a project accepts, and whether a project may still receive data.
import { RuleError } from '../platform/errors.js';
import { DEFAULT_DEID_OPTIONS, mergeDeidOptions, type DeidOptions } from './deid-options.js';
import { checkAutoIdRule, type AutoIdRule } from './auto-id-rule.js';
import { compilePattern as compileLinearPattern, PatternError, type CompiledPattern } from '../platform/patterns.js';

/** A project's life (projects/lifecycle.ts moves it): deleted projects leave no row, only their deletion record. */
export const PROJECT_STATUSES = ['development', 'active', 'archived', 'handed-over'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface Destination {
  aet: string;
  host: string;
  port: number;
  /** A DICOMweb STOW-RS base URL, for research archives reached over HTTP (later). */
  dicomwebUrl: string | null;
}

export interface Project {
  name: string;
  description: string;
  rekNumber: string | null;
  startDate: string | null;
  endDate: string | null;
  principalInvestigator: string | null;
  participantPattern: string;
  events: string[];
  destination: Destination;
  deidOptions: DeidOptions;
  /** Studies whose PatientID/PatientName match are assigned automatically (see auto-id-rule). */
  autoIdRule: AutoIdRule | null;
  /** Approved to keep participants' birth years and write them into exports (set by a site admin); null: not approved. */
  birthYearInExport: BirthYearApproval | null;
  status: ProjectStatus;
  createdAt: string;
  updatedAt: string;
}

export interface BirthYearApproval {
  /** The approval's reference (e.g. the REK decision that allows the birth year to leave). */
  approval: string;
  setBy: string | null;
  setAt: string;
}

/** The year of a DICOM date (YYYYMMDD, or ACR-NEMA's YYYY.MM.DD); undefined when it is not a plausible date. */
export function birthYearOf(date: string | null | undefined): number | undefined {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec((date ?? '').trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return year;
}

/** Checks the approval reference given when a site admin allows birth years in a project's exports. */
export function checkBirthYearApproval(approval: string | null | undefined): string {
  const text = (approval ?? '').trim();
  if (text.length === 0 || text.length > 200 || hasControlCharacters(text)) throw new RuleError('approval: the approval that allows birth years in exports (1-200 characters, e.g. "REK 2024/12345")', 'approval');
  return text;
}

/** What a caller gives to create a project (API and CLI); checked by validateNewProject. */
export interface ProjectInput {
  name: string;
  description?: string | null;
  rekNumber?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  principalInvestigator?: string | null;
  participantPattern: string;
  events: string[];
  destination: { aet: string; host: string; port: number; dicomwebUrl?: string | null };
  deidOptions?: Partial<DeidOptions>;
  autoIdRule?: AutoIdRule | null;
  status?: ProjectStatus;
}

export type ProjectChanges = Partial<Omit<ProjectInput, 'name' | 'destination'>> & { destination?: Partial<ProjectInput['destination']> };

const PROJECT_NAME = /^[A-Za-z0-9_-]{5,20}$/;

export function checkProjectName(name: string): string {
  if (!PROJECT_NAME.test(name)) throw new RuleError('name: 5-20 characters: letters, digits, "-" and "_"', 'name');
  return name;
}

/** Participant ID patterns are matched against the whole ID, in linear time (platform/patterns.ts). */
export function compilePattern(pattern: string): CompiledPattern {
  try {
    return compileLinearPattern(pattern);
  } catch (err) {
    if (err instanceof PatternError) throw new RuleError(`participantPattern: not a usable regular expression (${err.message})`, 'participantPattern');
    throw err;
  }
}

export function checkParticipantPattern(pattern: string, field = 'participantPattern'): string {
  if (pattern.length === 0 || pattern.length > 200) throw new RuleError(`${field}: 1-200 characters`, field);
  let re: CompiledPattern;
  try {
    re = compileLinearPattern(pattern);
  } catch (err) {
    throw new RuleError(`${field}: not a usable regular expression (${(err as Error).message})`, field);
  }
  if (re.test('')) throw new RuleError(`${field}: must not match the empty string`, field);
  return pattern;
}

/** True when the text has control characters (other than those listed as allowed). */
export function hasControlCharacters(text: string, allowed = ''): boolean {
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 || code === 0x7f) && !allowed.includes(ch)) return true;
  }
  return false;
}

const PARTICIPANT_ID_MAX = 64; // PatientID is LO: at most 64 characters

/** A new participant ID must fit in PatientID and match the project's pattern (the reason is the message). */
export function checkParticipantId(project: Pick<Project, 'participantPattern'>, id: string, field = 'id'): string {
  if (id.length === 0 || id.length > PARTICIPANT_ID_MAX) throw new RuleError(`${field}: 1-${PARTICIPANT_ID_MAX} characters`, field);
  if (id.includes('\\') || hasControlCharacters(id) || id.trim() !== id) {
    throw new RuleError(`${field}: no backslash, control characters, or spaces at either end`, field);
  }
  if (!compilePattern(project.participantPattern).test(id)) {
    throw new RuleError(`${field}: "${id}" does not match the project's participant ID pattern ${project.participantPattern}`, field);
  }
  return id;
}

const EVENT_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,47}$/;

export function checkEvents(events: string[], field = 'events'): string[] {
  if (events.length === 0) throw new RuleError(`${field}: at least one event name`, field);
  if (events.length > 200) throw new RuleError(`${field}: at most 200 events`, field);
  const seen = new Set<string>();
  events.forEach((event, i) => {
    if (!EVENT_NAME.test(event)) throw new RuleError(`${field}[${i}]: 1-48 characters: letters, digits, space, ".", "_", "-", starting with a letter or digit`, `${field}[${i}]`);
    const key = event.toLowerCase();
    if (seen.has(key)) throw new RuleError(`${field}[${i}]: "${event}" is listed twice`, `${field}[${i}]`);
    seen.add(key);
  });
  return events;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function checkDate(value: string, field: string): string {
  const m = ISO_DATE.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new RuleError(`${field}: a date as YYYY-MM-DD`, field);
  }
  return value;
}

const AE_TITLE = /^[\x20-\x5b\x5d-\x7e]{1,16}$/;
const HOST = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/;

export function checkDestination(d: { aet: string; host: string; port: number; dicomwebUrl?: string | null }, field = 'destination'): Destination {
  if (!AE_TITLE.test(d.aet) || d.aet.trim().length === 0) throw new RuleError(`${field}.aet: 1-16 printable ASCII characters without backslash`, `${field}.aet`);
  if (!HOST.test(d.host)) throw new RuleError(`${field}.host: a host name or IP address`, `${field}.host`);
  if (!Number.isInteger(d.port) || d.port < 1 || d.port > 65535) throw new RuleError(`${field}.port: 1-65535`, `${field}.port`);
  const url = d.dicomwebUrl ?? null;
  if (url !== null) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw new RuleError(`${field}.dicomwebUrl: an http(s) URL`, `${field}.dicomwebUrl`);
  }
  return { aet: d.aet.trim(), host: d.host.replace(/^\[|\]$/g, ''), port: d.port, dicomwebUrl: url };
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  if (value.length > max || hasControlCharacters(value, '\t\n\r')) throw new RuleError(`${field}: at most ${max} characters, no control characters`, field);
  return value.trim();
}

function checkStatus(status: string): ProjectStatus {
  if (!(PROJECT_STATUSES as readonly string[]).includes(status)) throw new RuleError(`status: one of ${PROJECT_STATUSES.join(', ')}`, 'status');
  return status as ProjectStatus;
}

function checkPeriod(startDate: string | null, endDate: string | null): void {
  if (startDate) checkDate(startDate, 'startDate');
  if (endDate) checkDate(endDate, 'endDate');
  if (startDate && endDate && endDate < startDate) throw new RuleError('endDate: must not be before startDate', 'endDate');
}

/** Check a new project and fill in the defaults. Throws a RuleError naming the first bad field. */
export function validateNewProject(input: ProjectInput, now: Date): Project {
  const startDate = input.startDate || null;
  const endDate = input.endDate || null;
  checkPeriod(startDate, endDate);
  const at = now.toISOString();
  return {
    name: checkProjectName(input.name),
    description: optionalText(input.description, 'description', 2000) ?? '',
    rekNumber: optionalText(input.rekNumber, 'rekNumber', 64),
    startDate,
    endDate,
    principalInvestigator: optionalText(input.principalInvestigator, 'principalInvestigator', 200),
    participantPattern: checkParticipantPattern(input.participantPattern),
    events: checkEvents(input.events),
    destination: checkDestination(input.destination),
    deidOptions: mergeDeidOptions(DEFAULT_DEID_OPTIONS, input.deidOptions),
    autoIdRule: checkAutoIdRule(input.autoIdRule, input.events),
    birthYearInExport: null,
    status: checkStatus(input.status ?? 'development'),
    createdAt: at,
    updatedAt: at,
  };
}

/** Apply changes to a project (the name never changes: it is in the research PACS and in derived UIDs). */
export function applyProjectChanges(project: Project, changes: ProjectChanges, now: Date): Project {
  const has = (key: keyof ProjectChanges) => Object.prototype.hasOwnProperty.call(changes, key) && changes[key] !== undefined;
  const next: Project = { ...project, updatedAt: now.toISOString() };
  if (has('description')) next.description = optionalText(changes.description, 'description', 2000) ?? '';
  if (has('rekNumber')) next.rekNumber = optionalText(changes.rekNumber, 'rekNumber', 64);
  if (has('principalInvestigator')) next.principalInvestigator = optionalText(changes.principalInvestigator, 'principalInvestigator', 200);
  if (has('startDate')) next.startDate = changes.startDate || null;
  if (has('endDate')) next.endDate = changes.endDate || null;
  checkPeriod(next.startDate, next.endDate);
  if (has('participantPattern')) next.participantPattern = checkParticipantPattern(changes.participantPattern!);
  if (has('events')) {
    const events = checkEvents(changes.events!);
    const dropped = project.events.filter((e) => !events.includes(e));
    if (dropped.length > 0) throw new RuleError(`events: existing events cannot be removed or renamed (${dropped.join(', ')}); add new ones`, 'events');
    next.events = events;
  }
  if (has('destination')) next.destination = checkDestination({ ...project.destination, ...changes.destination });
  if (has('deidOptions')) next.deidOptions = mergeDeidOptions(project.deidOptions, changes.deidOptions);
  if (has('status')) next.status = checkStatus(changes.status!);
  if (Object.prototype.hasOwnProperty.call(changes, 'autoIdRule')) next.autoIdRule = checkAutoIdRule(changes.autoIdRule, next.events);
  return next;
}

/** Archived (and handed-over) projects are read-only: no assignments, participants, uploads or forwarding. */
export function isClosed(status: ProjectStatus): boolean {
  return status === 'archived' || status === 'handed-over';
}

/**
 * Why a project cannot receive new assignments today, or null when it can: archived projects take no new
 * data, and neither does a project whose ethics approval (REK) has ended or not yet begun.
 */
export function assignmentBlockedReason(project: Pick<Project, 'status' | 'startDate' | 'endDate'>, today: string): string | null {
  if (project.status === 'archived') return 'the project is archived';
  if (project.status === 'handed-over') return 'the project is archived and handed over to its PI';
  if (project.endDate && today > project.endDate) return `the project's REK approval ended on ${project.endDate}`;
  if (project.startDate && today < project.startDate) return `the project's REK approval starts on ${project.startDate}`;
  return null;
}

const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export function checkGroupName(name: string, field = 'name'): string {
  if (!GROUP_NAME.test(name)) throw new RuleError(`${field}: 1-64 characters: letters, digits, space, ".", "_", "-", starting with a letter or digit`, field);
  return name;
}
