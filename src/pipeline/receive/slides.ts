// Whole-slide images (issue 16 item 4): a TIFF or SVS file uploaded for a project is converted to DICOM
// VL Whole Slide Microscopy instances by OrthancWSIDicomizer (Debian package orthanc-wsi, from the Orthanc
// project; SVS and the other vendor formats through OpenSlide, libopenslide0), and each instance goes into the
// quarantine through the same durable store as an upload (part10.ts), so it is assigned, de-identified and
// forwarded like any study. Written by hand here only: the spooling and the call; the conversion is theirs.
// The slide's label and macro images are not converted (the dicomizer takes the pyramid only), so the
// photographed label, which often carries a name, never enters Fiona's DICOM.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../platform/errors.js';
import { incomingDir } from '../quarantine/layout.js';
import { storePart10, type Part10Outcome, type Part10Source } from './part10.js';
import type { StoreDeps } from './store-instance.js';

/** Why a slide was not taken, with its HTTP status: 415 not a slide we can read; 413 too large; 503 no converter installed; 422 the converter refused it. */
export class SlideError extends AppError {
  constructor(message: string, status: 413 | 415 | 422 | 503) {
    super(status, message);
  }
}

export interface SlideConverter {
  /** The dicomizer's command (config upload.slideConverter). */
  command: string;
  /** OpenSlide's shared library, for SVS and other vendor formats; found in the usual places when not given. */
  openslide?: string | null;
  timeoutMs?: number;
}

const OPENSLIDE_PLACES = ['/usr/lib/x86_64-linux-gnu/libopenslide.so.0', '/usr/lib/aarch64-linux-gnu/libopenslide.so.0', '/usr/lib64/libopenslide.so.0', '/usr/lib/libopenslide.so.0'];

/** TIFF (SVS is TIFF): classic or BigTIFF, either byte order. */
export function isTiff(head: Buffer): boolean {
  if (head.length < 4) return false;
  const magic = head.toString('latin1', 0, 2);
  const version = magic === 'II' ? head.readUInt16LE(2) : magic === 'MM' ? head.readUInt16BE(2) : 0;
  return version === 42 || version === 43;
}

/** Runs the dicomizer on one file; the DICOM instances it wrote, in order. */
export async function convertSlide(converter: SlideConverter, input: string, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  const openslide = converter.openslide ?? OPENSLIDE_PLACES.find((p) => existsSync(p));
  const args = [...(openslide ? ['--openslide', openslide] : []), '--threads', '1', '--folder', outDir, input];
  const stderr: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(converter.command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), converter.timeoutMs ?? 30 * 60_000);
    child.stderr.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err.code === 'ENOENT' ? new SlideError(`no whole-slide converter here: ${converter.command} is not installed (Debian: orthanc-wsi)`, 503) : err);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0) {
    // Its last error line, without its log prefix (time and source file).
    const lines = stderr.join('').split('\n').filter((l) => /^E\d{4}/.test(l) || /error/i.test(l));
    const why = (lines.at(-1) ?? stderr.join('').trim().split('\n').at(-1) ?? '').replace(/^[EWI]\d{4} [\d:.]+ [^\]]+\] /, '').slice(0, 300);
    throw new SlideError(`the slide could not be converted to DICOM (${converter.command} exit ${code ?? 'killed'}${why ? `: ${why}` : ''})`, 422);
  }
  return (await readdir(outDir)).filter((f) => f.endsWith('.dcm')).sort().map((f) => join(outDir, f));
}

export interface SlideOutcome {
  /** The study the slide became (the dicomizer makes one study per slide). */
  studyInstanceUid: string | null;
  instances: Part10Outcome[];
  bytes: number;
}

/**
 * A slide from a stream: spooled to incoming/, checked to be TIFF, converted, each instance stored as an
 * upload; the spooled slide and the converter's files are removed in every case.
 */
export async function receiveSlide(deps: StoreDeps, converter: SlideConverter, input: AsyncIterable<Buffer>, maxBytes: number, source: Part10Source): Promise<SlideOutcome> {
  const id = randomUUID();
  const spooled = join(incomingDir(deps.dataDir), `slide-${id}`);
  const outDir = join(incomingDir(deps.dataDir), `slide-${id}.dcm`);
  let bytes = 0;
  try {
    await mkdir(incomingDir(deps.dataDir), { recursive: true });
    await pipeline(
      input,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          bytes += chunk.length;
          if (bytes > maxBytes) throw new SlideError(`the slide is larger than ${maxBytes} bytes (upload.maxFileBytes)`, 413);
          yield chunk;
        }
      },
      createWriteStream(spooled, { mode: 0o600 }),
    );
    const head = Buffer.alloc(4);
    const file = await open(spooled, 'r');
    try {
      await file.read(head, 0, 4, 0);
    } finally {
      await file.close();
    }
    if (!isTiff(head)) throw new SlideError('not a whole-slide image: Fiona converts TIFF-based slides (TIFF, SVS); send DICOM files as an upload', 415);
    const files = await convertSlide(converter, spooled, outDir);
    const instances: Part10Outcome[] = [];
    for (const f of files) instances.push(await storePart10(deps, createReadStream(f), source));
    const study = instances.find((i) => i.header?.studyInstanceUid)?.header?.studyInstanceUid ?? null;
    return { studyInstanceUid: study, instances, bytes };
  } finally {
    await rm(spooled, { force: true });
    await rm(outDir, { recursive: true, force: true });
  }
}
