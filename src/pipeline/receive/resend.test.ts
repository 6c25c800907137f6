// The held copy's hash: read at once when small, in bounded reads when large — the same bytes either way.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileMetaHeader } from './file-meta.js';
import { hashDataset, hashFile } from './resend.js';

const dir = mkdtempSync(join(tmpdir(), 'fiona-resend-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hashDataset', () => {
  it.each([
    ['small, read at once', 40_000],
    ['large, read in bounded pieces', 2_500_000],
  ])('hashes only the dataset behind the meta header (%s)', async (_, size) => {
    const meta = fileMetaHeader({ sopClassUid: '1.2.840.10008.5.1.4.1.1.2', sopInstanceUid: '1.2.3.4', transferSyntaxUid: '1.2.840.10008.1.2.1', sourceAeTitle: 'MODALITY' });
    const dataset = randomBytes(size);
    const path = join(dir, `${size}.dcm`);
    writeFileSync(path, Buffer.concat([meta, dataset]));
    const expected = createHash('sha256').update(dataset).digest('hex');
    const fileBytes = meta.length + size;
    // With the size the index knows, and without it (always the bounded reads).
    expect(await hashDataset(path, fileBytes)).toEqual({ sha256: expected, bytes: size });
    expect(await hashDataset(path)).toEqual({ sha256: expected, bytes: size });
    expect(await hashFile(path, meta.length)).toEqual({ sha256: expected, bytes: size });
  });

  it('refuses a file that is not Part 10', async () => {
    const path = join(dir, 'raw.bin');
    writeFileSync(path, randomBytes(300));
    await expect(hashDataset(path, 300)).rejects.toThrow(/is not a Part-10 file/);
    await expect(hashDataset(path)).rejects.toThrow(/is not a Part-10 file/);
  });
});
