import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentify } from './deidentify.js';
import { createDeidPool } from './pool.js';
import { DeidRefusal } from './refusal.js';
import type { DeidContext } from './context.js';

const CT = readFileSync(resolve(import.meta.dirname, '../../../../shared/testdata/ct/CT_small.dcm'));
const context: DeidContext = {
  projectName: 'MMIVTEST',
  participantId: 'MMIV_0001',
  eventName: 'baseline',
  dateOffsetDays: -635,
  key: Buffer.from('fiona-test-key-0001'),
  uidRoot: '1.3.6.1.4.1.45037',
  aeTitle: 'FIONA',
};

describe('de-identification pool', () => {
  const pool = createDeidPool(2);
  afterAll(() => pool.close());

  it('gives the same bytes as the engine run inline, off the main thread', async () => {
    const results = await Promise.all([pool.run(CT, context), pool.run(CT, context), pool.run(CT, context)]);
    const inline = deidentify(CT, context);
    for (const r of results) expect(Buffer.compare(r.output, inline.output)).toBe(0);
    expect(results[0].report).toEqual(JSON.parse(JSON.stringify(inline.report)));
  });

  it('carries a refusal across the thread boundary as a DeidRefusal', async () => {
    const refused = pool.run(Buffer.from('not dicom at all'), context);
    await expect(refused).rejects.toBeInstanceOf(DeidRefusal);
    await expect(pool.run(Buffer.from('not dicom at all'), context)).rejects.toThrow(/./);
  });
});
