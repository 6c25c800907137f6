// The one way a de-identification context is made, for the transfer runner and for `fiona deid` alike:
// the project's options (the one options type, projects/deid-options.ts, with its one allow-list syntax
// "gggg,CREATOR,ee") mapped onto the engine's settings, the participant's date offset, and the
// installation's key, UID root and AE title.
import type { DeidOptions as ProjectDeidOptions } from '../../projects/deid-options.js';
import type { DeidContext, DeidOptions as EngineSettings, PrivateAllowEntry } from './context.js';

/** What the context is made for: a project (or a project-like set of options), a participant and an event. */
export interface DeidSubject {
  project: { name: string; participantPattern?: string | null; deidOptions: ProjectDeidOptions };
  participant: { id: string; dateOffsetDays: number };
  event: string;
}

/** What the installation adds: its secret key, UID root and AE title. */
export interface DeidInstallation {
  key: Uint8Array;
  uidRoot: string;
  aeTitle: string;
}

/** "gggg,CREATOR,ee" (an allow-list entry of the project options) -> the engine's entry. */
export function parseAllowEntry(text: string): PrivateAllowEntry {
  const [group, ...rest] = text.split(',');
  const element = rest.pop()!;
  return { group: parseInt(group, 16), creator: rest.join(','), element: parseInt(element, 16) };
}

/** The engine's settings for a project's options. */
export function engineSettings(project: DeidSubject['project']): Partial<EngineSettings> {
  const o = project.deidOptions;
  return {
    fionaCompat: o.fionaCompat,
    accessionNumber: o.accessionNumber,
    retainSafePrivate: o.retainSafePrivate ? o.safePrivateAllowList.map(parseAllowEntry) : [],
    legacyUids: o.legacyUids ? 'decimal' : 'off',
    preserveWeekday: o.preserveWeekday,
    dropPresentationStates: o.dropPresentationStates,
    keepOverlays: o.keepOverlays,
    ...(o.sponsorName ? { sponsorName: o.sponsorName } : {}),
    ...(o.siteId ? { siteId: o.siteId } : {}),
    ...(o.siteName ? { siteName: o.siteName } : {}),
    ...(project.participantPattern ? { participantIdPattern: project.participantPattern } : {}),
  };
}

export function deidContext(subject: DeidSubject, installation: DeidInstallation): DeidContext {
  return {
    projectName: subject.project.name,
    participantId: subject.participant.id,
    eventName: subject.event,
    dateOffsetDays: subject.participant.dateOffsetDays,
    key: installation.key,
    uidRoot: installation.uidRoot,
    aeTitle: installation.aeTitle,
    options: engineSettings(subject.project),
  };
}
