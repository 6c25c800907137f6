import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DeidRefusal, type DeidContext } from '../deid/index.js';
import { prepareInstance, prepareWithPixels } from './deid-adapter.js';
import { createPreparePool } from './prepare-pool.js';
import { testFile } from '../../../test/support/testdata.js';

const CT = readFileSync(testFile('ct/CT_small.dcm'));
const context: DeidContext = {
  projectName: 'MMIVTEST',
  participantId: 'MMIV_0001',
  eventName: 'baseline',
  dateOffsetDays: -635,
  key: Buffer.from('fiona-test-key-0001'),
  uidRoot: '1.3.6.1.4.1.45037',
  aeTitle: 'FIONA',
};

describe('preparation pool', () => {
  const pool = createPreparePool(2);
  afterAll(() => pool.close());

  it('prepares the same instance as the inline adapter, off the main thread', async () => {
    const inline = prepareInstance(CT, context);
    const outcomes = await Promise.all([pool.prepare(CT, context, { pixels: false }), pool.prepare(CT, context, { pixels: false }), pool.prepare(CT, context, { pixels: false })]);
    for (const outcome of outcomes) {
      if (outcome.kind !== 'prepared') throw new Error('expected a prepared instance');
      const r = outcome.prepared;
      expect(Buffer.isBuffer(r.dataset)).toBe(true);
      expect(Buffer.compare(r.dataset, inline.dataset)).toBe(0);
      expect(r).toMatchObject({ sopInstanceUid: inline.sopInstanceUid, studyInstanceUid: inline.studyInstanceUid, transferSyntaxUid: inline.transferSyntaxUid });
    }
    expect(inline.sopInstanceUid).toMatch(/^1\.3\.6\.1\.4\.1\.45037\.\d+$/);
  });

  it('runs the pixel stage on the thread exactly as inline: screened, unchanged pixels, BurnedInAnnotation NO', async () => {
    const [inline, threaded] = await Promise.all([prepareWithPixels(CT, context), pool.prepare(CT, context)]);
    if (inline.kind !== 'prepared' || threaded.kind !== 'prepared') throw new Error('expected prepared instances');
    expect(Buffer.compare(threaded.prepared.file, inline.prepared.file)).toBe(0);
    expect(threaded.prepared.pixels).toMatchObject({ outcome: 'pass', frames: 1 });
  });

  it('has the threads it was asked for, and moves a handed-over input to the thread instead of copying it', async () => {
    expect(pool.size).toBe(2);
    const inline = prepareInstance(CT, context);
    const kept = Buffer.from(CT);
    const moved = new Uint8Array(CT.length);
    moved.set(CT);
    const handed = Buffer.from(moved.buffer);
    const [a, b] = await Promise.all([pool.prepare(kept, context, { pixels: false }), pool.prepare(handed, context, { pixels: false }, true)]);
    // The caller's copy is untouched without hand-over; handed over, its memory went to the thread.
    expect(Buffer.compare(kept, CT)).toBe(0);
    expect(handed.byteLength).toBe(0);
    for (const outcome of [a, b]) {
      if (outcome.kind !== 'prepared') throw new Error('expected a prepared instance');
      expect(Buffer.compare(outcome.prepared.dataset, inline.dataset)).toBe(0);
    }
    // A view into shared memory is copied even when handed over: the rest of that memory stays the caller's.
    const shared = Buffer.concat([CT, Buffer.from('tail')]).subarray(0, CT.length);
    await pool.prepare(shared, context, { pixels: false }, true);
    expect(shared.byteLength).toBe(CT.length);
  });

  it('carries a refusal across the thread boundary as a DeidRefusal', async () => {
    await expect(pool.prepare(Buffer.from('not dicom at all'), context)).rejects.toBeInstanceOf(DeidRefusal);
  });
});
