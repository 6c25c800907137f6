import { describe, expect, it } from 'vitest';
import { RuleError } from '../platform/errors.js';
import { DEFAULT_DEID_OPTIONS, mergeDeidOptions, parseStoredDeidOptions } from './deid-options.js';
import { randomDateOffset } from './participants-service.js';
import {
  applyProjectChanges,
  assignmentBlockedReason,
  checkDate,
  checkDestination,
  checkEvents,
  checkGroupName,
  checkParticipantId,
  checkParticipantPattern,
  checkProjectName,
  validateNewProject,
  type ProjectInput,
} from './rules.js';

const now = new Date('2026-11-28T10:00:00Z');
const input: ProjectInput = { name: 'PROJ1', participantPattern: 'P\\d{3}', events: ['baseline', 'follow-up'], destination: { aet: 'RPACS', host: 'pacs.example.org', port: 104 } };

function ruleField(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RuleError);
    return (err as RuleError).field;
  }
  throw new Error('expected a RuleError');
}

describe('project names', () => {
  it('accepts 5-20 letters, digits, "-" and "_"', () => {
    for (const name of ['ABCDE', 'proj_1', 'A-B-C-D-E', '12345678901234567890']) expect(checkProjectName(name)).toBe(name);
  });
  it('refuses anything else, naming the field', () => {
    for (const name of ['ABCD', '123456789012345678901', 'has space', 'æøå12', 'a/b/c/d', '']) expect(ruleField(() => checkProjectName(name))).toBe('name');
  });
});

describe('participant ID patterns', () => {
  it('must compile', () => {
    expect(ruleField(() => checkParticipantPattern('P(\\d'))).toBe('participantPattern');
  });
  it('must not match the empty string', () => {
    for (const p of ['.*', 'P?', '(x)*', 'a|']) expect(ruleField(() => checkParticipantPattern(p))).toBe('participantPattern');
  });
  it('is matched against the whole ID', () => {
    const project = { participantPattern: 'P\\d{3}' };
    expect(checkParticipantId(project, 'P123')).toBe('P123');
    for (const id of ['P12', 'P1234', 'xP123', 'P123x', 'p123']) expect(ruleField(() => checkParticipantId(project, id))).toBe('id');
  });
  it('anchors alternations too', () => {
    const project = { participantPattern: 'A\\d|B\\d' };
    expect(checkParticipantId(project, 'B1')).toBe('B1');
    expect(ruleField(() => checkParticipantId(project, 'A1x'))).toBe('id');
  });
  it('refuses IDs that do not fit in PatientID or carry control characters, even when the pattern allows them', () => {
    const project = { participantPattern: '[\\s\\S]+' };
    for (const id of ['x'.repeat(65), 'a\\b', 'a\nb', ' a', 'a ']) expect(ruleField(() => checkParticipantId(project, id))).toBe('id');
  });
  it('explains the reason', () => {
    expect(() => checkParticipantId({ participantPattern: 'P\\d{3}' }, 'P1')).toThrow(/does not match the project's participant ID pattern P\\d\{3\}/);
  });
});

describe('events, dates, destinations, groups', () => {
  it('wants at least one event, each valid and listed once', () => {
    expect(checkEvents(['baseline', 'fu 1', 'fu.2'])).toEqual(['baseline', 'fu 1', 'fu.2']);
    expect(ruleField(() => checkEvents([]))).toBe('events');
    expect(ruleField(() => checkEvents(['a', 'b\\c']))).toBe('events[1]');
    expect(ruleField(() => checkEvents(['base', 'BASE']))).toBe('events[1]');
  });
  it('takes calendar dates as YYYY-MM-DD only', () => {
    expect(checkDate('2024-02-29', 'endDate')).toBe('2024-02-29');
    for (const d of ['2023-02-29', '2024-13-01', '20240101', '2024-1-1', 'tomorrow']) expect(ruleField(() => checkDate(d, 'endDate'))).toBe('endDate');
  });
  it('checks AE title, host and port', () => {
    expect(checkDestination({ aet: 'RPACS', host: '10.0.0.1', port: 104 })).toEqual({ aet: 'RPACS', host: '10.0.0.1', port: 104, dicomwebUrl: null });
    expect(checkDestination({ aet: 'R', host: '[::1]', port: 1 }).host).toBe('::1');
    expect(ruleField(() => checkDestination({ aet: 'A_TITLE_THAT_IS_TOO_LONG', host: 'h', port: 104 }))).toBe('destination.aet');
    expect(ruleField(() => checkDestination({ aet: 'BACK\\SLASH', host: 'h', port: 104 }))).toBe('destination.aet');
    expect(ruleField(() => checkDestination({ aet: '   ', host: 'h', port: 104 }))).toBe('destination.aet');
    expect(ruleField(() => checkDestination({ aet: 'A', host: 'bad host', port: 104 }))).toBe('destination.host');
    expect(ruleField(() => checkDestination({ aet: 'A', host: 'h', port: 0 }))).toBe('destination.port');
    expect(ruleField(() => checkDestination({ aet: 'A', host: 'h', port: 70000 }))).toBe('destination.port');
    expect(ruleField(() => checkDestination({ aet: 'A', host: 'h', port: 1, dicomwebUrl: 'ftp://x' }))).toBe('destination.dicomwebUrl');
  });
  it('checks data access group names', () => {
    expect(checkGroupName('Site 1')).toBe('Site 1');
    expect(ruleField(() => checkGroupName(' x'))).toBe('name');
  });
});

describe('a new project', () => {
  it('gets defaults: development status, the default de-identification options', () => {
    const p = validateNewProject(input, now);
    expect(p).toMatchObject({ name: 'PROJ1', status: 'development', description: '', rekNumber: null, events: ['baseline', 'follow-up'], createdAt: now.toISOString() });
    expect(p.deidOptions).toEqual(DEFAULT_DEID_OPTIONS);
  });
  it('needs an end date after its start date', () => {
    expect(ruleField(() => validateNewProject({ ...input, startDate: '2025-01-02', endDate: '2025-01-01' }, now))).toBe('endDate');
  });
  it('refuses unknown de-identification options and values of the wrong kind', () => {
    expect(ruleField(() => validateNewProject({ ...input, deidOptions: { retainUidz: true } as never }, now))).toBe('deidOptions.retainUidz');
    expect(ruleField(() => validateNewProject({ ...input, deidOptions: { retainUids: 'yes' } as never }, now))).toBe('deidOptions.retainUids');
    expect(ruleField(() => validateNewProject({ ...input, deidOptions: { accessionNumber: 'keep' } as never }, now))).toBe('deidOptions.accessionNumber');
    expect(ruleField(() => validateNewProject({ ...input, deidOptions: { safePrivateAllowList: ['0028,X,10'] } }, now))).toBe('deidOptions.safePrivateAllowList');
  });
  it('stores options merged over the defaults', () => {
    const p = validateNewProject({ ...input, deidOptions: { preserveWeekday: true, safePrivateAllowList: ['0029,SIEMENS CSA HEADER,10'] } }, now);
    expect(p.deidOptions.preserveWeekday).toBe(true);
    expect(p.deidOptions.cleanPixelData).toBe(true);
    expect(parseStoredDeidOptions(JSON.stringify({ preserveWeekday: true, retiredOption: 1 }))).toEqual({ ...DEFAULT_DEID_OPTIONS, preserveWeekday: true });
    expect(mergeDeidOptions(DEFAULT_DEID_OPTIONS, undefined)).toEqual(DEFAULT_DEID_OPTIONS);
    // Sponsor and site labels (0012,0010/0030/0031) are text of at most 64 characters, one LO value.
    expect(mergeDeidOptions(DEFAULT_DEID_OPTIONS, { sponsorName: ' MMIV ', siteId: 'HUS' })).toMatchObject({ sponsorName: 'MMIV', siteId: 'HUS', siteName: '' });
    expect(ruleField(() => mergeDeidOptions(DEFAULT_DEID_OPTIONS, { siteName: 'a\\b' }))).toBe('deidOptions.siteName');
    expect(ruleField(() => mergeDeidOptions(DEFAULT_DEID_OPTIONS, { sponsorName: 'x'.repeat(65) }))).toBe('deidOptions.sponsorName');
    expect(ruleField(() => mergeDeidOptions(DEFAULT_DEID_OPTIONS, { siteId: 7 }))).toBe('deidOptions.siteId');
  });
});

describe('changing a project', () => {
  const project = validateNewProject(input, now);
  it('can add events but not drop or rename them', () => {
    expect(applyProjectChanges(project, { events: ['baseline', 'follow-up', 'year-2'] }, now).events).toHaveLength(3);
    expect(ruleField(() => applyProjectChanges(project, { events: ['baseline'] }, now))).toBe('events');
  });
  it('checks a new pattern and destination like a new project', () => {
    expect(ruleField(() => applyProjectChanges(project, { participantPattern: '.*' }, now))).toBe('participantPattern');
    expect(applyProjectChanges(project, { destination: { port: 4242 } }, now).destination).toMatchObject({ aet: 'RPACS', port: 4242 });
    expect(ruleField(() => applyProjectChanges(project, { status: 'closed' as never }, now))).toBe('status');
  });
  it('can clear a date', () => {
    const withEnd = applyProjectChanges(project, { endDate: '2030-01-01' }, now);
    expect(applyProjectChanges(withEnd, { endDate: null }, now).endDate).toBeNull();
  });
});

describe('whether a project takes new assignments', () => {
  const base = { status: 'active' as const, startDate: '2024-01-01', endDate: '2026-12-31' };
  it('does during its REK period', () => {
    expect(assignmentBlockedReason(base, '2026-12-31')).toBeNull();
    expect(assignmentBlockedReason({ status: 'development', startDate: null, endDate: null }, '2026-01-01')).toBeNull();
  });
  it('does not once the REK approval has ended, before it starts, or when archived', () => {
    expect(assignmentBlockedReason(base, '2027-01-01')).toMatch(/ended on 2026-12-31/);
    expect(assignmentBlockedReason(base, '2023-12-31')).toMatch(/starts on 2024-01-01/);
    expect(assignmentBlockedReason({ ...base, status: 'archived' }, '2025-01-01')).toMatch(/archived/);
  });
});

describe('the fallback date offset', () => {
  it('is negative, never 0, at most two years, whole weeks when asked', () => {
    for (let i = 0; i < 2000; i++) {
      const days = randomDateOffset('P', 'X', { preserveWeekday: false });
      expect(days).toBeGreaterThanOrEqual(-730);
      expect(days).toBeLessThanOrEqual(-1);
      const weeks = randomDateOffset('P', 'X', { preserveWeekday: true });
      expect(weeks % 7).toBe(-0);
      expect(weeks).toBeLessThan(0);
      expect(weeks).toBeGreaterThanOrEqual(-730);
    }
  });
});
