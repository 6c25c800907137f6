import { describe, expect, it } from 'vitest';
import { RuleError } from '../../platform/errors.js';
import { COPY_PATTERN, randomParticipantIds } from './new-ids.js';

describe('random participant IDs for an anonymised copy', () => {
  it('match the pattern in full, are distinct, and avoid the old IDs', () => {
    const old = new Set(Array.from({ length: 90 }, (_, i) => `P-${String(i).padStart(3, '0')}`));
    const ids = randomParticipantIds('P-0\\d\\d', 9, old);
    expect(ids).toHaveLength(9);
    expect(new Set(ids).size).toBe(9);
    for (const id of ids) {
      expect(id).toMatch(/^P-0\d\d$/);
      expect(old.has(id)).toBe(false);
    }
  });

  it('are drawn at random, not in any order of the old ones', () => {
    const a = randomParticipantIds(COPY_PATTERN, 50, new Set());
    const b = randomParticipantIds(COPY_PATTERN, 50, new Set());
    for (const id of a) expect(id).toMatch(/^C\d{8}$/);
    expect(a).not.toEqual(b);
    expect([...a].sort()).not.toEqual(a); // 50 random draws in sorted order: about 1 in 3·10^64
  });

  it('refuse a pattern without room for them, naming the field', () => {
    expect(() => randomParticipantIds('X', 2, new Set())).toThrow(RuleError);
    expect(() => randomParticipantIds('P-00[12]', 2, new Set(['P-001']))).toThrow(/participantPattern: P-00\[12\] does not give 2 distinct new participant IDs/);
  });

  it('keep open quantifiers short enough for a PatientID', () => {
    for (const id of randomParticipantIds('[A-Z]+\\d*', 20, new Set())) expect(id.length).toBeLessThanOrEqual(64);
  });
});
