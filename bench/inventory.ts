// npm run bench:inventory — what the tag inventory costs on the de-identification path. In one process, on
// the same instances, alternating rounds: (a) de-identify and parse the output (what forwarding does anyway
// to describe it), (b) the same plus observing every tag path and adding it to a batch accumulator. Prints
// instances/s for both and the ratio b/a (the share the inventory adds).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dateOffsetDays, deidentify } from '../src/pipeline/deid/index.js';
import { parseDicom } from '../src/dicom/parse.js';
import { InventoryAccumulator, observeTags } from '../src/pipeline/deid/inventory.js';
import { TESTDATA } from '../test/support/testdata.js';

const SOURCES = ['studies/ge_mr750_nih_epi', 'studies/philips_magdeburg_fmri', 'studies/siemens_pseudophi_tcia_body_mr', 'studies/siemens_skyra_nih_epi', 'enhanced_mr/philips', 'pet', 'rt', 'sr'];
const ROUNDS = Number(process.env.BENCH_INVENTORY_ROUNDS ?? 3);
const testdata = resolve(process.env.FIONA_TESTDATA ?? TESTDATA);

function dicomFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return dicomFiles(full);
    return e.name.endsWith('.dcm') ? [full] : [];
  });
}

const inputs = SOURCES.flatMap((s) => dicomFiles(join(testdata, s))).map((f) => readFileSync(f));
const key = Buffer.from('fiona-bench-key');
const context = { projectName: 'BENCH', participantId: 'BENCH_0001', eventName: 'baseline', dateOffsetDays: dateOffsetDays(key, 'BENCH', 'BENCH_0001'), key, uidRoot: '1.3.6.1.4.1.45037', aeTitle: 'FIONA' };

function round(withInventory: boolean): { seconds: number; paths: number } {
  const acc = new InventoryAccumulator();
  const start = performance.now();
  for (const input of inputs) {
    const parsed = parseDicom(deidentify(input, context).output);
    if (withInventory) acc.add(observeTags(parsed.buffer, parsed.dataset));
  }
  return { seconds: (performance.now() - start) / 1000, paths: acc.size };
}

round(false); // warm up the JIT
round(true);
let base = 0;
let inv = 0;
let paths = 0;
for (let r = 0; r < ROUNDS; r++) {
  base += round(false).seconds;
  const b = round(true);
  inv += b.seconds;
  paths = b.paths;
}
const rate = (s: number) => ((inputs.length * ROUNDS) / s).toFixed(0);
console.log(`corpus: ${inputs.length} instances, ${paths} distinct tag paths; ${ROUNDS} alternating rounds`);
console.log(`de-identify + parse output:             ${rate(base)} instances/s`);
console.log(`... + observe tags + accumulate:        ${rate(inv)} instances/s`);
console.log(`ratio (with inventory / without): ${(inv / base).toFixed(3)}x the time (+${(((inv - base) / base) * 100).toFixed(1)}%)`);
