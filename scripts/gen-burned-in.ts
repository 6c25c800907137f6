// npm run gen:burned-in -- <out-dir> [count] [seed]: writes labelled burned-in test images (DICOM) and, beside
// each, its ground truth (<name>.json: every drawn word's string and box) from test/support/burned-in.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBurnedIn } from '../test/support/burned-in.js';

const [out = 'burned-in', count = '24', seed = '1'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const images = await generateBurnedIn(Number(count), Number(seed));
for (const image of images) {
  writeFileSync(join(out, `${image.name}.dcm`), image.file);
  writeFileSync(join(out, `${image.name}.json`), JSON.stringify({ source: image.source, identity: image.identity, words: image.words }, null, 1));
}
console.log(`${images.length} images, ${images.reduce((n, i) => n + i.words.length, 0)} words in ${out}`);
