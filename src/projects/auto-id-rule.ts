// A project's auto-ID rule (the original's routing by naming convention): a regular expression on the
// incoming PatientID or PatientName whose first capture group is the participant ID. Matching studies are
// assigned without a person, e.g. phantom and QA scans ("PHANTOM_(\d+)" -> participant "0042"). Matched in
// linear time (platform/patterns.ts): the value comes from whoever sends to the DICOM port.
import { RuleError } from '../platform/errors.js';
import { compilePattern, type CompiledPattern } from '../platform/patterns.js';

export const AUTO_ID_FIELDS = ['PatientID', 'PatientName'] as const;
export type AutoIdField = (typeof AUTO_ID_FIELDS)[number];

export interface AutoIdRule {
  field: AutoIdField;
  /** Matched against the whole value; capture group 1 (or the group named `id`) is the participant ID. */
  pattern: string;
  /** The event the matching studies are assigned to. */
  event: string;
}

export function checkAutoIdRule(rule: unknown, events: readonly string[], field = 'autoIdRule'): AutoIdRule | null {
  if (rule === null || rule === undefined) return null;
  if (typeof rule !== 'object' || Array.isArray(rule)) throw new RuleError(`${field}: an object {field, pattern, event} or null`, field);
  const r = rule as Record<string, unknown>;
  const unknown = Object.keys(r).find((k) => !['field', 'pattern', 'event'].includes(k));
  if (unknown) throw new RuleError(`${field}.${unknown}: unknown field`, `${field}.${unknown}`);
  if (typeof r.field !== 'string' || !(AUTO_ID_FIELDS as readonly string[]).includes(r.field)) throw new RuleError(`${field}.field: one of ${AUTO_ID_FIELDS.join(', ')}`, `${field}.field`);
  if (typeof r.pattern !== 'string' || r.pattern.length === 0 || r.pattern.length > 200) throw new RuleError(`${field}.pattern: 1-200 characters`, `${field}.pattern`);
  let re: CompiledPattern;
  try {
    re = compilePattern(r.pattern);
  } catch (err) {
    throw new RuleError(`${field}.pattern: not a usable regular expression (${(err as Error).message})`, `${field}.pattern`);
  }
  if (re.groupCount < 1) throw new RuleError(`${field}.pattern: needs a capture group for the participant ID`, `${field}.pattern`);
  if (re.test('')) throw new RuleError(`${field}.pattern: must not match the empty string`, `${field}.pattern`);
  if (typeof r.event !== 'string' || !events.includes(r.event)) throw new RuleError(`${field}.event: one of the project's events (${events.join(', ')})`, `${field}.event`);
  return { field: r.field as AutoIdField, pattern: r.pattern, event: r.event };
}

/** The participant ID the rule extracts from the study's PatientID/PatientName, or undefined when it does not match. */
export function applyAutoIdRule(rule: AutoIdRule, values: { patientId: string | null; patientName: string | null }): string | undefined {
  const value = (rule.field === 'PatientID' ? values.patientId : values.patientName)?.trim();
  if (!value) return undefined;
  let re: CompiledPattern;
  try {
    re = compilePattern(rule.pattern);
  } catch {
    return undefined; // a rule saved before patterns ran on the linear-time engine, which it cannot run
  }
  const m = re.exec(value);
  if (!m) return undefined;
  const id = m.named.id ?? m.groups.slice(1).find((g) => g !== undefined && g !== '');
  return id || undefined;
}
