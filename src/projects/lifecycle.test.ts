import { describe, expect, it } from 'vitest';
import { RuleError } from '../platform/errors.js';
import { approvalWarning, checkHandover, checkTransition, deletableFrom } from './lifecycle.js';
import { assignmentBlockedReason } from './rules.js';

describe('a project\'s life', () => {
  it('allows only the steps of its life', () => {
    expect(() => checkTransition('development', 'active')).not.toThrow();
    expect(() => checkTransition('active', 'archived')).not.toThrow();
    expect(() => checkTransition('archived', 'handed-over')).not.toThrow();
    expect(() => checkTransition('development', 'handed-over')).toThrow(RuleError);
    expect(() => checkTransition('handed-over', 'active')).toThrow(/cannot become active/);
    expect(() => checkTransition('active', 'active')).toThrow(/already active/);
  });

  it('warns 90, 30 and 7 days before the ethics approval ends, and after it', () => {
    expect(approvalWarning('2027-06-30', '2027-01-01')).toBeNull();
    expect(approvalWarning('2027-03-31', '2027-01-01')).toEqual({ daysLeft: 89, step: 90 });
    expect(approvalWarning('2027-01-31', '2027-01-01')).toEqual({ daysLeft: 30, step: 30 });
    expect(approvalWarning('2027-01-08', '2027-01-01')).toEqual({ daysLeft: 7, step: 7 });
    expect(approvalWarning('2026-12-31', '2027-01-01')).toEqual({ daysLeft: -1, step: 0 });
    expect(approvalWarning(null, '2027-01-01')).toBeNull();
  });

  it('keeps an archived project for the retention period', () => {
    expect(deletableFrom('2026-01-01T10:00:00.000Z', 365)).toBe('2027-01-01T10:00:00.000Z');
  });

  it('wants the export checksum and the PI\'s confirmation for a hand-over', () => {
    expect(() => checkHandover(undefined)).toThrow(/handover/);
    expect(() => checkHandover({ sha256: 'A'.repeat(64), confirmedBy: 'PI' })).toThrow(/sha256/);
    expect(checkHandover({ sha256: 'b'.repeat(64), confirmedBy: ' Dr. Pi ' })).toEqual({ sha256: 'b'.repeat(64), confirmedBy: 'Dr. Pi', exportId: null });
  });

  it('takes no assignments once archived or handed over', () => {
    expect(assignmentBlockedReason({ status: 'handed-over', startDate: null, endDate: null }, '2027-01-01')).toMatch(/handed over/);
    expect(assignmentBlockedReason({ status: 'development', startDate: null, endDate: null }, '2027-01-01')).toBeNull();
  });
});
