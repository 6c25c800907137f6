import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateOffsetDays } from './pipeline/deid/dates.js';
import { loadSecretKey, readKeyFile } from './platform/secret.js';
import { keyedDateOffsets } from './composition.js';

describe('keyed date offsets', () => {
  it('use the installation key, created in the data dir on first use, and the spec formula', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fiona-offsets-'));
    try {
      const offsets = keyedDateOffsets(() => loadSecretKey({ dataDir, deid: { uidRoot: '1.2.3', threads: 0 } }));
      const a = offsets('PROJ1', 'P001', { preserveWeekday: false });
      const key = readKeyFile(join(dataDir, 'secret.key'));
      expect(a).toBe(dateOffsetDays(key, 'PROJ1', 'P001'));
      expect(offsets('PROJ1', 'P001', { preserveWeekday: false })).toBe(a);
      expect(offsets('PROJ1', 'P001', { preserveWeekday: true }) % 7).toBe(-0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
