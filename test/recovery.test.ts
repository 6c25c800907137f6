// Start-up recovery after an unclean stop: a complete file that reached the quarantine without its index
// row is indexed; a torn one (never acknowledged) is moved aside, not indexed; temporary files go.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { instancePath } from '../src/pipeline/quarantine/layout.js';
import { startTestFiona, tempDir, type TestFiona } from './support/fiona.js';
import { generateInstance } from './support/generate.js';

describe('recovery at start', () => {
  let fiona: TestFiona | undefined;
  afterAll(async () => fiona?.close());

  it('indexes whole orphans, moves torn ones aside and removes temporary files', async () => {
    const dataDir = tempDir();
    const whole = generateInstance({ studyUid: '1.2.3.70', seriesUid: '1.2.3.70.1', sopUid: '1.2.3.70.1.1', pixelBytes: 600_000 });
    const torn = generateInstance({ studyUid: '1.2.3.71', seriesUid: '1.2.3.71.1', sopUid: '1.2.3.71.1.1', pixelBytes: 600_000 });
    const wholePath = instancePath(dataDir, '1.2.3.70', '1.2.3.70.1', '1.2.3.70.1.1');
    const tornPath = instancePath(dataDir, '1.2.3.71', '1.2.3.71.1', '1.2.3.71.1.1');
    for (const [path, bytes] of [
      [wholePath, whole],
      [tornPath, torn.subarray(0, torn.length - 1000)],
    ] as const) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
    mkdirSync(join(dataDir, 'incoming'), { recursive: true });
    writeFileSync(join(dataDir, 'incoming', 'left-behind.part'), 'half an instance');

    fiona = await startTestFiona({}, dataDir);
    expect(await fiona.services.quarantine.getStudyView('1.2.3.70')).toMatchObject({ instanceCount: 1, seriesCount: 1 });
    expect(await fiona.services.quarantine.getStudyView('1.2.3.71')).toBeUndefined();
    expect(await fiona.services.quarantine.count()).toMatchObject({ instances: 1 });
    expect(existsSync(tornPath)).toBe(false);
    expect(readdirSync(join(dataDir, 'damaged'))).toHaveLength(1);
    expect(readdirSync(join(dataDir, 'incoming'))).toEqual([]);
  });
});
