// The rules of a project's life, as pure functions: which status may follow which, what a hand-over must
// carry, when the ethics approval's end warns, and when an archived project may be deleted.
import { RuleError } from '../platform/errors.js';
import { hasControlCharacters, type ProjectStatus } from './rules.js';

/** development → active (after the first-release check) → archived → handed-over → deleted (two admins). */
const NEXT: Record<ProjectStatus, readonly ProjectStatus[]> = {
  development: ['active', 'archived'],
  active: ['development', 'archived'],
  archived: ['active', 'handed-over'],
  'handed-over': [],
};

export function checkTransition(from: ProjectStatus, to: ProjectStatus): void {
  if (from === to) throw new RuleError(`status: the project is already ${to}`, 'status');
  if (!NEXT[from].includes(to)) throw new RuleError(`status: a project that is ${from} cannot become ${to}${NEXT[from].length ? ` (only ${NEXT[from].join(', ')})` : ''}`, 'status');
}

/** What a hand-over records: the final export's checksum and who (on the PI's side) confirmed receiving it. */
export interface Handover {
  sha256: string;
  confirmedBy: string;
  /** The export that carried it, once exports exist (issue 11). */
  exportId?: string | null;
}

export function checkHandover(h: Handover | undefined): Handover {
  if (!h) throw new RuleError('handover: the final export\'s sha256 and the PI\'s confirmation are required', 'handover');
  if (!/^[0-9a-f]{64}$/.test(h.sha256)) throw new RuleError('handover.sha256: 64 lower-case hex digits', 'handover.sha256');
  if (!h.confirmedBy.trim() || h.confirmedBy.length > 200 || hasControlCharacters(h.confirmedBy)) throw new RuleError('handover.confirmedBy: 1-200 characters, who confirmed receiving the copy', 'handover.confirmedBy');
  return { sha256: h.sha256, confirmedBy: h.confirmedBy.trim(), exportId: h.exportId ?? null };
}

export function checkReason(reason: string | undefined | null, field = 'reason', required = true): string | null {
  const text = reason?.trim() ?? '';
  if (!text) {
    if (required) throw new RuleError(`${field}: say why (1-2000 characters)`, field);
    return null;
  }
  if (text.length > 2000 || hasControlCharacters(text, '\t\n\r')) throw new RuleError(`${field}: at most 2000 characters, no control characters`, field);
  return text;
}

const DAY_MS = 86_400_000;

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The warning step (90, 30, 7 days before the ethics approval ends; 0 once it has ended), or null. */
export function approvalWarning(endDate: string | null, today: string): { daysLeft: number; step: 90 | 30 | 7 | 0 } | null {
  if (!endDate) return null;
  const daysLeft = days(today, endDate);
  if (daysLeft < 0) return { daysLeft, step: 0 };
  for (const step of [7, 30, 90] as const) if (daysLeft <= step) return { daysLeft, step };
  return null;
}

/** The first day an archived project may be deleted. */
export function deletableFrom(archivedAt: string, retentionDays: number): string {
  return new Date(Date.parse(archivedAt) + retentionDays * DAY_MS).toISOString();
}
