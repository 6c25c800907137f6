// The OCR port on Debian's tesseract CLI. Spawning one process per region costs ~100 ms each, so all the
// images of one request are read by one process: tesseract takes a list of image files and reads each as a
// page of its own (its page number in the TSV says which). The images live in a private temporary directory
// made for the request and removed with it.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gray } from './display.js';
import type { OcrEngine, OcrWord } from './ocr.js';

export function pgm(image: Gray): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1');
  return Buffer.concat([header, Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength)]);
}

function runTesseract(input: string, psm: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // One thread per process: the pool already runs one process per core.
    const child = spawn('tesseract', [input, 'stdout', '--psm', String(psm), '-l', 'eng', 'tsv'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`tesseract exited with ${code}: ${Buffer.concat(err).toString('utf8').trim().slice(0, 200)}`));
    });
  });
}

export function parseTsv(tsv: string): Array<OcrWord & { page: number }> {
  const words: Array<OcrWord & { page: number }> = [];
  for (const line of tsv.split('\n').slice(1)) {
    const f = line.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f[11].trim();
    if (!text) continue;
    words.push({ page: Number(f[1]), text, confidence: Number(f[10]), box: { x: Number(f[6]), y: Number(f[7]), width: Number(f[8]), height: Number(f[9]) } });
  }
  return words;
}

export class TesseractCli implements OcrEngine {
  /** Page segmentation 6 (one uniform block of text) suits a cropped line or two; 11 (sparse) whole frames. */
  constructor(private readonly psm = 6) {}

  async read(images: Gray[]): Promise<OcrWord[][]> {
    if (images.length === 0) return [];
    const dir = await mkdtemp(join(tmpdir(), 'fiona-ocr-'));
    try {
      const names = images.map((_, i) => join(dir, `${i}.pgm`));
      await Promise.all(images.map((image, i) => writeFile(names[i], pgm(image), { mode: 0o600 })));
      let input = names[0];
      if (images.length > 1) {
        input = join(dir, 'list.txt');
        await writeFile(input, names.join('\n') + '\n', { mode: 0o600 });
      }
      const psm = images.length === 1 && images[0].width * images[0].height > 250_000 ? 11 : this.psm;
      const out: OcrWord[][] = images.map(() => []);
      for (const w of parseTsv(await runTesseract(input, psm))) {
        const { page, ...word } = w;
        out[page - 1]?.push(word);
      }
      return out;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
