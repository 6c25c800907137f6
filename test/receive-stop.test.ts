// Stopping Fiona while a sender is mid-study: the listener refuses new associations at once, and the
// instance under way finishes and is acknowledged instead of being cut off.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDcmtk } from './support/dcmtk.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { generateStudy } from './support/generate.js';

describe('stopping the listener', () => {
  const work = tempDir();
  let fiona: TestFiona | undefined;
  afterAll(async () => {
    await fiona?.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('lets the association under way finish, then refuses new ones', async () => {
    const { files } = generateStudy(join(work, 'study'), { count: 40, pixelBytes: 400_000 });
    fiona = await startTestFiona({ 'dicom.stopGraceSeconds': 20 }, join(work, 'data'));
    const port = fiona.dicomPort();
    const sending = runDcmtk('storescu', ['-aec', 'FIONA', '127.0.0.1', String(port), ...files], { timeoutMs: 60_000 });
    // Stop once the first instances are in.
    const deadline = Date.now() + 20_000;
    while ((await fiona.services.quarantine.count()).instances < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const { kysely } = fiona.db;
    const stopping = fiona.listener!.close(20_000);
    const refused = await runDcmtk('echoscu', ['-aec', 'FIONA', '127.0.0.1', String(port)]);
    expect(refused.code).not.toBe(0);
    const sent = await sending;
    await stopping;
    // Every instance storescu sent on the open association was stored and acknowledged.
    expect(sent.code, sent.stderr).toBe(0);
    const stored = await kysely.selectFrom('instances').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(40);
  });
});
