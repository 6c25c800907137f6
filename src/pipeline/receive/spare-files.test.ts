import { closeSync, fstatSync, mkdtempSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpareFiles } from './spare-files.js';

describe('temporary files made ahead of need', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fiona-spare-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hands out open, empty files of its own, keeps a few ready, and removes the unused ones at stop', async () => {
    const spares = new SpareFiles(dir, 3);
    const first = await spares.take();
    expect(fstatSync(first.fd).size).toBe(0);
    writeSync(first.fd, Buffer.from('an instance'));
    // The spares are made in the next turn of the event loop.
    for (let i = 0; i < 100 && readdirSync(dir).length < 4; i++) await new Promise((r) => setTimeout(r, 10));
    expect(readdirSync(dir)).toHaveLength(4);
    const second = await spares.take();
    expect(second.path).not.toBe(first.path);
    expect(fstatSync(second.fd).size).toBe(0);
    await spares.stop();
    // What was taken stays (its store owns it); the spares are gone.
    for (let i = 0; i < 100 && readdirSync(dir).length > 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(readdirSync(dir).sort()).toEqual([first.path, second.path].map((p) => p.slice(dir.length + 1)).sort());
    closeSync(first.fd);
    closeSync(second.fd);
  });

  it('answers a take with the error when no file can be made', async () => {
    const spares = new SpareFiles(join(dir, 'missing'));
    await expect(spares.take()).rejects.toMatchObject({ code: 'ENOENT' });
    await spares.stop();
  });
});
