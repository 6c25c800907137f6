import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFolderSync, syncFolder } from './folder-sync.js';

describe('folder fsync shared by the instances linked meanwhile', () => {
  it('runs one fsync for every caller that asked while one was running, and never answers a caller from an fsync begun before it asked', async () => {
    const started: Array<{ path: string; done: () => void }> = [];
    const sync = createFolderSync((path) => new Promise<void>((done) => started.push({ path, done })));
    const order: string[] = [];
    const first = sync('/a').then(() => order.push('first'));
    // Asked while the first fsync runs: the first one may not cover their links.
    const waiting = [1, 2, 3, 4].map((i) => sync('/a').then(() => order.push(`late${i}`)));
    const other = sync('/b').then(() => order.push('other'));
    expect(started.map((s) => s.path)).toEqual(['/a', '/b']);
    started[0].done();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['first']);
    // One more fsync for the four that waited.
    expect(started.map((s) => s.path)).toEqual(['/a', '/b', '/a']);
    started[2].done();
    await Promise.all(waiting);
    expect(order).toEqual(['first', 'late1', 'late2', 'late3', 'late4']);
    started[1].done();
    await other;
    // Idle again: the next caller starts its own fsync at once.
    void sync('/a');
    expect(started).toHaveLength(4);
    started[3].done();
  });

  it('passes an fsync error to its callers, and the next caller tries again', async () => {
    let calls = 0;
    const sync = createFolderSync(async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('EIO'), { code: 'EIO' });
    });
    await expect(sync('/a')).rejects.toThrow('EIO');
    await expect(sync('/a')).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it('fsyncs a real folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fiona-folder-sync-'));
    try {
      await Promise.all([syncFolder(dir), syncFolder(dir), syncFolder(dir)]);
      await expect(syncFolder(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
