// Configured patterns run in linear time on values a sender controls, keep their meaning (whole-value match,
// capture and named groups), and are refused with a reason when the linear-time engine cannot run them.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/support/fiona.js';
import { applyAutoIdRule, checkAutoIdRule } from '../projects/auto-id-rule.js';
import { checkParticipantId, checkParticipantPattern } from '../projects/rules.js';
import { compilePattern, MAX_MATCHED_LENGTH } from './patterns.js';

function probe(pattern: string, value: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/run-ts.js'), 'test/support/regex-probe.ts', pattern, value], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, killed });
    });
  });
}

describe('configured patterns', () => {
  it('do not stall the process on a catastrophic pattern and a long value (auto-ID, participant ID, coupling list)', async () => {
    // With a backtracking engine (a+)+ against 40 a's takes about 2^40 steps: the process would hang.
    const result = await probe('((a+)+)b', 'a'.repeat(40), 20_000);
    expect(result.killed).toBe(false);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([null, expect.stringMatching(/^id: "a+/), 1]);
  }, 30_000);

  it('match the whole value, with capture and named groups as before', () => {
    expect(compilePattern('abc\\d{3}').test('abc123')).toBe(true);
    expect(compilePattern('abc\\d{3}').test('xabc123')).toBe(false);
    expect(compilePattern('a|b').test('ab')).toBe(false);
    const rule = checkAutoIdRule({ field: 'PatientID', pattern: 'PHANTOM_(?<id>\\d+)|QA_(\\d+)', event: 'baseline' }, ['baseline'])!;
    expect(applyAutoIdRule(rule, { patientId: 'PHANTOM_0042', patientName: null })).toBe('0042');
    expect(applyAutoIdRule(rule, { patientId: 'QA_7', patientName: null })).toBe('7');
    expect(applyAutoIdRule(rule, { patientId: 'OTHER_7', patientName: null })).toBeUndefined();
    expect(checkParticipantId({ participantPattern: 'MMIV_\\d{4}' }, 'MMIV_1234')).toBe('MMIV_1234');
  });

  it('do not match values longer than the cap', () => {
    const rule = { field: 'PatientName' as const, pattern: '(.+)', event: 'baseline' };
    expect(applyAutoIdRule(rule, { patientId: null, patientName: 'x'.repeat(MAX_MATCHED_LENGTH) })).toBe('x'.repeat(MAX_MATCHED_LENGTH));
    expect(applyAutoIdRule(rule, { patientId: null, patientName: 'x'.repeat(MAX_MATCHED_LENGTH + 1) })).toBeUndefined();
  });

  it('refuse what the linear-time engine cannot run, saying why', () => {
    expect(() => checkParticipantPattern('(?=abc)abc\\d+')).toThrow(/look-ahead, look-behind and back-references are not supported/);
    expect(() => checkAutoIdRule({ field: 'PatientID', pattern: '(a)\\1', event: 'e' }, ['e'])).toThrow(/not a usable regular expression/);
    expect(() => checkAutoIdRule({ field: 'PatientID', pattern: 'PHANTOM_\\d+', event: 'e' }, ['e'])).toThrow(/needs a capture group/);
    expect(() => checkParticipantPattern('a*')).toThrow(/empty string/);
  });
});
