// The pure routing rules: coupling-list parsing with per-line errors, auto-ID rules, research study UIDs.
import { describe, expect, it } from 'vitest';
import { applyAutoIdRule, checkAutoIdRule } from '../../projects/auto-id-rule.js';
import { parseCouplingList, splitCsvLine } from './coupling-csv.js';
import { isResearchStudyUid } from './routing-service.js';

const project = { participantPattern: 'P-\\d{3}', events: ['baseline', 'followup'] };

describe('coupling list', () => {
  it('reads comma or semicolon lists with a header, quotes and a default event', () => {
    const parsed = parseCouplingList('Accession,Participant,Event\r\n"A,1",P-001,followup\nA2,P-002\n\n# a comment\n', project, new Map());
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, accessionNumber: 'A,1', participant: 'P-001', event: 'followup' },
      { line: 3, accessionNumber: 'A2', participant: 'P-002', event: 'baseline' },
    ]);
    expect(splitCsvLine('"a ""b""";c', ';')).toEqual(['a "b"', 'c']);
  });

  it('reports bad rows by line and keeps the good ones', () => {
    const csv = ['A1;P-001;baseline', 'A2;X-1;baseline', 'A3;P-003;week 9', ';P-004', 'A1;P-009', 'A5;P-005;baseline;extra', 'A6;P-006'].join('\n');
    const parsed = parseCouplingList(csv, project, new Map([['A6', 'P-007']]));
    expect(parsed.rows.map((r) => r.accessionNumber)).toEqual(['A1']);
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(parsed.errors[0].error).toMatch(/does not match/);
    expect(parsed.errors[1].error).toMatch(/unknown event "week 9"/);
    expect(parsed.errors[2].error).toMatch(/accession number is empty/);
    expect(parsed.errors[3].error).toMatch(/line 1 for participant P-001/);
    expect(parsed.errors[5].error).toMatch(/already coupled to participant P-007/);
  });
});

describe('auto-ID rule', () => {
  it('extracts the participant from PatientID or PatientName', () => {
    const rule = checkAutoIdRule({ field: 'PatientName', pattern: 'QA\\^(?<id>P-\\d{3})', event: 'baseline' }, project.events)!;
    expect(applyAutoIdRule(rule, { patientId: 'x', patientName: 'QA^P-042' })).toBe('P-042');
    expect(applyAutoIdRule(rule, { patientId: 'x', patientName: 'QA^P-042 extra' })).toBeUndefined();
    expect(applyAutoIdRule(rule, { patientId: 'x', patientName: null })).toBeUndefined();
  });

  it('refuses rules without a capture, with an unknown event or a bad expression', () => {
    expect(() => checkAutoIdRule({ field: 'PatientID', pattern: 'PHANTOM', event: 'baseline' }, project.events)).toThrow(/capture group/);
    expect(() => checkAutoIdRule({ field: 'PatientID', pattern: '(P', event: 'baseline' }, project.events)).toThrow(/regular expression/);
    expect(() => checkAutoIdRule({ field: 'PatientID', pattern: '(P)', event: 'x' }, project.events)).toThrow(/events/);
    expect(() => checkAutoIdRule({ field: 'Other', pattern: '(P)', event: 'baseline' }, project.events)).toThrow(/field/);
    expect(checkAutoIdRule(null, project.events)).toBeNull();
  });
});

it('recognises our research study UIDs (root + one numeric component)', () => {
  expect(isResearchStudyUid('1.3.6.1.4.1.45037.123456789', '1.3.6.1.4.1.45037')).toBe(true);
  expect(isResearchStudyUid('1.3.6.1.4.1.45037.1.2', '1.3.6.1.4.1.45037')).toBe(false);
  expect(isResearchStudyUid('1.3.6.1.4.1.45037.0123', '1.3.6.1.4.1.45037')).toBe(false);
  expect(isResearchStudyUid('1.2.3.4', '1.3.6.1.4.1.45037')).toBe(false);
});
