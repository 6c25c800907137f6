import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { spoolDataset, type SpoolTarget } from './spool.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function target(): SpoolTarget & { opened: number; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fiona-spool-'));
  dirs.push(dir);
  const t = {
    dir,
    opened: 0,
    open: async () => {
      t.opened++;
      const path = join(dir, `spare-${t.opened}.part`);
      return { path, fd: openSync(path, 'wx') };
    },
  };
  return t;
}

const bytes = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * seed) & 0xff));
const chunked = (b: Buffer, size: number) => Readable.from(Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size)));

describe('spooling a received dataset', () => {
  it('keeps a small dataset in memory until it is materialized, then writes header and dataset into a new file', async () => {
    const t = target();
    const header = Buffer.from('HEADER');
    const data = bytes(40_000, 7);
    const spooled = await spoolDataset(t, header, chunked(data, 16_000));
    expect(readdirSync(t.dir)).toEqual([]);
    expect(t.opened).toBe(0);
    expect(spooled).toMatchObject({ datasetBytes: 40_000, fileBytes: 40_006 });
    expect(spooled.prefix.equals(data)).toBe(true);
    const path = spooled.materialize();
    expect(spooled.materialize()).toBe(path);
    await spooled.finish(true);
    expect(readFileSync(path).equals(Buffer.concat([header, data]))).toBe(true);
    await spooled.discard();
    expect(readdirSync(t.dir)).toEqual([]);
  });

  it('uses a spare that is ready for a small dataset', async () => {
    const t = target();
    const spare = await t.open();
    const spooled = await spoolDataset({ ...t, ready: () => spare }, Buffer.from('H'), chunked(bytes(1000, 3), 300));
    expect(spooled.materialize()).toBe(spare.path);
    await spooled.finish(false);
    expect(readFileSync(spare.path).length).toBe(1001);
  });

  it('streams a large dataset to a file taken when the first write is due, and removes it when the dataset fails', async () => {
    const t = target();
    const data = bytes(3 * 1024 * 1024 + 5, 13);
    const spooled = await spoolDataset(t, Buffer.from('H'), chunked(data, 64 * 1024));
    expect(t.opened).toBe(1);
    const path = spooled.materialize();
    await spooled.finish(false);
    expect(readFileSync(path).subarray(1).equals(data)).toBe(true);

    const failing = new Readable({ read() {} });
    const pending = spoolDataset(t, Buffer.from('H'), failing, () => undefined);
    failing.push(bytes(2 * 1024 * 1024, 5));
    await new Promise((r) => setTimeout(r, 50));
    failing.destroy(new Error('association aborted'));
    await expect(pending).rejects.toThrow('association aborted');
    expect(readdirSync(t.dir)).toEqual([`spare-1.part`]);
  });
});
