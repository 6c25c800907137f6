// A generator of labelled burned-in test images: real frames from test/data (CT, MR, CR MONOCHROME1, US RGB,
// YBR JPEG, multi-frame) with identity-like text drawn into the pixels (several fonts, 8-40 px, bright on the
// image or dark on a bright banner, in corners and banners), written as DICOM with the ground truth beside
// it: every word's string and its box. Text is rendered with @napi-rs/canvas (Skia, shipped in its npm
// package) from Debian's DejaVu, Liberation and FreeFont files (scripts/install-system-deps.sh).
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { parseDicom, type ParsedDicom } from '../../src/dicom/parse.js';
import { EditSet } from '../../src/dicom/edits.js';
import { textBytes, textElement } from '../../src/dicom/encode.js';
import { encodeFileMeta } from '../../src/dicom/meta.js';
import { PIXEL_DATA } from '../../src/dicom/tag.js';
import { EXPLICIT_VR_LE } from '../../src/dicom/transfer-syntax.js';
import { findElement, findText } from '../../src/dicom/values.js';
import { writeDataset } from '../../src/dicom/write.js';
import { loadCodecs, type Codecs } from '../../src/pipeline/deid/pixels/codecs.js';
import { decodeImage } from '../../src/pipeline/deid/pixels/decode.js';
import { encapsulate } from '../../src/pipeline/deid/pixels/frames.js';
import type { Rect } from '../../src/pipeline/deid/pixels/geometry.js';
import { readPixelModule, type PixelModule } from '../../src/pipeline/deid/pixels/pixel-module.js';
import { toNative, type Frame } from '../../src/pipeline/deid/pixels/samples.js';
import { testFile } from './testdata.js';

const require = createRequire(import.meta.url);

export const FONTS: Array<[family: string, file: string]> = [
  ['DejaVu Sans', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
  ['DejaVu Sans Mono', '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf'],
  ['DejaVu Serif', '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf'],
  ['Liberation Sans', '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf'],
  ['Liberation Mono', '/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf'],
  ['FreeSans Bold', '/usr/share/fonts/truetype/freefont/FreeSansBold.ttf'],
];

let fontsLoaded = false;
function loadFonts(): string[] {
  const families = FONTS.filter(([, file]) => existsSync(file));
  if (!fontsLoaded) for (const [family, file] of families) GlobalFonts.registerFromPath(file, family);
  fontsLoaded = true;
  if (families.length === 0) throw new Error('no fonts: run scripts/install-system-deps.sh');
  return families.map(([family]) => family);
}

export type OutputSyntax = 'explicit' | 'rle' | 'jpeg-ls' | 'j2k' | 'jpeg-baseline';

export interface Source {
  name: string;
  file: string;
  /** A text-free crop of the first frame (for sources that are large or carry text elsewhere). */
  crop?: Rect;
  syntax: OutputSyntax;
  /** Make this source's SOP class one that is not at risk by its header (CT stays CT, US stays US). */
}

export const SOURCES: Source[] = [
  { name: 'ct-multiframe', file: 'ct/eCT_Supplemental.dcm', syntax: 'explicit' },
  { name: 'ct-small', file: 'ct/CT_small.dcm', syntax: 'explicit' },
  { name: 'mr-trio', file: 'transfer_syntax/siemens_trio_dcm_qa_ts/1.dcm', syntax: 'explicit' },
  { name: 'mr-trio-rle', file: 'transfer_syntax/siemens_trio_dcm_qa_ts/4.dcm', syntax: 'rle' },
  { name: 'mr-trio-jls', file: 'transfer_syntax/siemens_trio_dcm_qa_ts/7.dcm', syntax: 'jpeg-ls' },
  { name: 'mr-trio-j2k', file: 'transfer_syntax/siemens_trio_dcm_qa_ts/9.dcm', syntax: 'j2k' },
  { name: 'mr-body', file: 'studies/siemens_pseudophi_tcia_body_mr/1-10.dcm', syntax: 'explicit' },
  { name: 'ct-multiframe-rle', file: 'ct/eCT_Supplemental.dcm', syntax: 'rle' },
  { name: 'cr-mono1', file: 'burned_in/pseudophi_cr_fuji_rle_0_ORIGINAL_compressed.dcm', crop: { x: 300, y: 500, width: 1024, height: 1024 }, syntax: 'rle' },
  { name: 'us-rgb', file: 'us/US1_UNCR.dcm', syntax: 'explicit' },
  { name: 'rgb-ybr-jpeg', file: 'tricky/transfer_syntax/HTJ2KLossless_08_RGB.dcm', syntax: 'jpeg-baseline' },
  { name: 'sc-rgb-multiframe', file: 'tricky/transfer_syntax/SC_rgb_rle_2frame.dcm', syntax: 'rle' },
];

/**
 * Frames of other kinds, for measuring recall on more than the frames above (bench:pixels runs both lists
 * and prints recall per kind): PET, other CT and MR series (a spine CT in JPEG lossless, a CT of nearly all-UN
 * tags in JPEG 2000, an EPI mosaic, a 484-pixel MR), a whole-body NM secondary capture, a PET/CT fusion
 * screenshot (RGB), a text-free crop of the GE ultrasound (colour Doppler) and the RGB secondary capture.
 * The tests use none of them but the Doppler crop (test/pixel-colour-clean.test.ts, one fixed image).
 */
export const MORE_SOURCES: Source[] = [
  { name: 'pt-acrin', file: 'pet/acrin_flt_breast_pt_1.dcm', syntax: 'explicit' },
  { name: 'mr-body-b', file: 'studies/siemens_pseudophi_tcia_body_mr/1-20.dcm', syntax: 'rle' },
  { name: 'ct-abdomen-j2k', file: 'tricky/private_and_sequences/explicit_VR-UN.dcm', syntax: 'j2k' },
  { name: 'ct-spine', file: 'tricky/broken/bad_sequence.dcm', syntax: 'explicit' },
  { name: 'mr-overlay', file: 'burned_in/MR-SIEMENS-DICOM-WithOverlays.dcm', syntax: 'explicit' },
  { name: 'mr-epi-mosaic', file: 'studies/siemens_skyra_nih_epi/mr_0003/epi_pe_ap-00001.dcm', syntax: 'explicit' },
  { name: 'nm-whole-body', file: 'tricky/transfer_syntax/JPEG-LL.dcm', syntax: 'rle' },
  { name: 'rgb-pt-ct-fusion', file: 'burned_in/pseudophi_pt_sc_rgb_RGB_ORIGINAL.dcm', syntax: 'explicit' },
  { name: 'us-doppler-crop', file: 'us/US1_UNCR.dcm', crop: { x: 50, y: 108, width: 540, height: 236 }, syntax: 'explicit' },
  { name: 'rgb-sc', file: 'secondary_capture/SC_rgb.dcm', syntax: 'explicit' },
];

export interface GroundTruthWord {
  frame: number;
  text: string;
  box: Rect;
  size: number;
  font: string;
  polarity: 'bright' | 'dark';
  placement: Placement;
  /** False for labels ("ID", "DOB:") that identify nobody; recall is measured on identifying words. */
  identifying: boolean;
  /**
   * False when the word hardly differs from what it was drawn on (white text on a white band of the RGB
   * test pattern): nobody can read it, so it is not counted as a readable word that leaked.
   */
  visible: boolean;
}

export interface GeneratedImage {
  name: string;
  source: string;
  file: Buffer;
  words: GroundTruthWord[];
  /** The identity seeded into the header (the same values drawn into the pixels). */
  identity: { patientName: string; patientId: string; birthDate: string; studyDate: string; accession: string };
}

const SURNAMES = ['KAUFMAN', 'NORDMANN', 'HANSEN', 'JOHANSEN', 'OLSEN', 'LARSEN', 'ANDERSEN', 'PEDERSEN', 'NILSEN', 'KRISTIANSEN', 'BERG', 'HAUGEN', 'HAGEN', 'EIDE', 'SOLBERG', 'BAKKE'];
const GIVEN = ['SCOTT', 'KARI', 'OLA', 'INGRID', 'LARS', 'SIGRID', 'ASTRID', 'MAGNUS', 'EMMA', 'JONAS', 'NORA', 'HENRIK', 'SOFIE', 'ERIK'];
const LABELS = new Set(['ID', 'DOB:']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A small deterministic generator (mulberry32), so a seed gives the same images on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, list: T[]): T {
  return list[Math.floor(rnd() * list.length)];
}

function dateText(rnd: () => number, ymd: string): string {
  const [y, m, d] = [ymd.slice(0, 4), ymd.slice(4, 6), ymd.slice(6, 8)];
  return pick(rnd, [`${d}.${m}.${y}`, `${y}-${m}-${d}`, `${m}/${d}/${y}`, `${d}-${MONTHS[Number(m) - 1]}-${y}`, `${y}${m}${d}`]);
}

function randomDate(rnd: () => number, from: number, to: number): string {
  const y = from + Math.floor(rnd() * (to - from));
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  return `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

export interface Loaded {
  parsed: ParsedDicom;
  module: PixelModule;
  frames: Frame[];
}

const loaded = new Map<string, Loaded>();

function crop(frame: Frame, r: Rect): Frame {
  const data = new Int32Array(r.width * r.height * frame.samples);
  for (let y = 0; y < r.height; y++) {
    const from = ((r.y + y) * frame.width + r.x) * frame.samples;
    data.set(frame.data.subarray(from, from + r.width * frame.samples), y * r.width * frame.samples);
  }
  return { width: r.width, height: r.height, samples: frame.samples, data };
}

export function load(source: Source, codecs: Codecs): Loaded {
  let l = loaded.get(source.name);
  if (!l) {
    const parsed = parseDicom(readFileSync(testFile(source.file)));
    const m = readPixelModule(parsed.buffer, parsed.dataset)!;
    const image = decodeImage(parsed, m, codecs);
    let frames = image.frames;
    let module = image.module;
    if (source.crop) {
      frames = [crop(frames[0], source.crop)];
      module = { ...module, rows: source.crop.height, columns: source.crop.width, frames: 1 };
    }
    l = { parsed, module, frames };
    loaded.set(source.name, l);
  }
  return l;
}

function range(frame: Frame, m: PixelModule): { bright: number; dark: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of frame.data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Text is drawn at the extremes that the device would use: the brightest and darkest value on screen.
  return m.photometric === 'MONOCHROME1' ? { bright: min, dark: max } : { bright: max, dark: min };
}

export type Placement = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right' | 'banner-top' | 'banner-bottom';
const PLACEMENTS: Placement[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'banner-top', 'banner-bottom'];

/** Draws one line of words into a frame; returns each word's box (the lit pixels, exactly). */
function drawLine(frame: Frame, m: PixelModule, words: string[], size: number, font: string, placement: Placement, slot: number, frameIndex: number, offset: number): GroundTruthWord[] {
  const W = frame.width;
  const H = frame.height;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.font = `${size}px "${font}"`;
  ctx.textBaseline = 'top';
  const line = words.join(' ');
  const width = Math.ceil(ctx.measureText(line).width);
  const lineHeight = Math.ceil(size * 1.3);
  const margin = Math.max(2, Math.round(size * 0.3));
  const banner = placement.startsWith('banner');
  void slot;
  const top = placement.includes('top') ? margin + offset : H - margin - lineHeight - offset;
  const left = placement.endsWith('right') ? W - margin - width : banner ? Math.max(margin, Math.round((W - width) / 2)) : margin;
  const { bright, dark } = range(frame, m);
  const fg = banner ? dark : bright;
  if (banner) {
    // A bright bar behind the line, as devices draw their info banners.
    const bg = bright;
    for (let y = Math.max(0, top - 2); y < Math.min(H, top + lineHeight); y++) {
      for (let x = 0; x < W; x++) for (let s = 0; s < frame.samples; s++) frame.data[(y * W + x) * frame.samples + s] = frame.samples === 3 ? 255 : bg;
    }
  }
  const out: GroundTruthWord[] = [];
  let x = left;
  for (const word of words) {
    ctx.clearRect(0, 0, W, H);
    ctx.fillStyle = '#fff';
    ctx.fillText(word, x, top);
    const alpha = ctx.getImageData(0, 0, W, H).data;
    let x0 = W;
    let y0 = H;
    let x1 = -1;
    let y1 = -1;
    // Share of the word's ink (alpha-weighted) that differs from what it covers by 5 % of the value range.
    let contrast = 0;
    let weight = 0;
    const span = frame.samples === 3 ? 255 : Math.max(1, Math.abs(bright - dark));
    for (let y = 0; y < H; y++) {
      for (let xx = 0; xx < W; xx++) {
        const a = alpha[(y * W + xx) * 4];
        if (!a) continue;
        if (xx < x0) x0 = xx;
        if (xx > x1) x1 = xx;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        const i = (y * W + xx) * frame.samples;
        let differs = 0;
        for (let s = 0; s < frame.samples; s++) {
          const target = frame.samples === 3 ? (banner ? 0 : 255) : fg;
          differs = Math.max(differs, Math.abs(target - frame.data[i + s]) / span);
          frame.data[i + s] = Math.round(frame.data[i + s] + ((target - frame.data[i + s]) * a) / 255);
        }
        if (differs >= 0.05) contrast += a;
        weight += a;
      }
    }
    if (x1 >= 0) out.push({ frame: frameIndex, text: word, box: { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 }, size, font, polarity: banner ? 'dark' : 'bright', placement, identifying: !LABELS.has(word), visible: contrast / Math.max(1, weight) >= 0.5 });
    x += ctx.measureText(`${word} `).width;
  }
  return out;
}

let jpegModule: Promise<unknown> | undefined;

/* eslint-disable @typescript-eslint/no-explicit-any -- emscripten module */
async function jpegBaseline(frame: Frame): Promise<Uint8Array> {
  jpegModule ??= (require('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs') as (o: object) => Promise<unknown>)({ print: () => {}, printErr: () => {} });
  const wasm = (await jpegModule) as any;
  const encoder = new wasm.JPEGEncoder();
  try {
    const target: Uint8Array = encoder.getDecodedBuffer({ width: frame.width, height: frame.height, bitsPerSample: 8, componentCount: frame.samples, isSigned: false });
    target.set(Uint8Array.from(frame.data));
    encoder.setQuality(false, 95);
    encoder.encode();
    return new Uint8Array(encoder.getEncodedBuffer());
  } finally {
    encoder.delete();
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const SYNTAX_UID: Record<OutputSyntax, string> = {
  explicit: EXPLICIT_VR_LE,
  rle: '1.2.840.10008.1.2.5',
  'jpeg-ls': '1.2.840.10008.1.2.4.80',
  j2k: '1.2.840.10008.1.2.4.90',
  'jpeg-baseline': '1.2.840.10008.1.2.4.50',
};

function us(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
}

export async function writeInstance(l: Loaded, source: Source, frames: Frame[], identity: GeneratedImage['identity'], uid: string, codecs: Codecs, overrides: Overrides): Promise<Buffer> {
  const { parsed } = l;
  const m = l.module;
  const root = parsed.dataset;
  if (!root.syntax.littleEndian || !root.syntax.explicit) throw new Error(`source ${source.file} must be explicit VR little endian or compressed`);
  const edits = new EditSet();
  const set = (tag: number, vr: string, text: string) => {
    const el = findElement(root, tag);
    if (el) edits.replace(root, el, textBytes(text, vr));
    else edits.insert(root, textElement(tag, vr, text));
  };
  set(0x00100010, 'PN', identity.patientName);
  set(0x00100020, 'LO', identity.patientId);
  set(0x00100030, 'DA', identity.birthDate);
  set(0x00080020, 'DA', identity.studyDate);
  set(0x00080050, 'SH', identity.accession);
  set(0x00080018, 'UI', uid);
  if (!findText(parsed.buffer, root, 0x0020000d)) set(0x0020000d, 'UI', `${uid}.1`);
  if (!findText(parsed.buffer, root, 0x0020000e)) set(0x0020000e, 'UI', `${uid}.2`);
  const burned = findElement(root, 0x00280301);
  if (overrides.burnedInAnnotation) set(0x00280301, 'CS', overrides.burnedInAnnotation);
  else if (burned) edits.remove(root, burned);
  if (overrides.sopClassUid) set(0x00080016, 'UI', overrides.sopClassUid);
  const setUs = (tag: number, value: number) => {
    const el = findElement(root, tag);
    if (el) edits.replace(root, el, us(value));
    else edits.insert(root, { tag, vr: 'US', value: us(value) });
  };
  setUs(0x00280010, m.rows);
  setUs(0x00280011, m.columns);
  let photometric = m.photometric;
  let parts: Buffer[] | undefined;
  let native: Buffer | undefined;
  const syntax = source.syntax;
  if (syntax === 'explicit') native = Buffer.concat(frames.map((f) => toNative(f, m, 0)));
  else if (syntax === 'jpeg-baseline') {
    parts = encapsulate(await Promise.all(frames.map((f) => jpegBaseline(f))));
    photometric = 'YBR_FULL_422';
  } else parts = encapsulate(frames.map((f) => codecs.encode(syntax, f, m)));
  set(0x00280004, 'CS', photometric);
  if (m.samplesPerPixel > 1) setUs(0x00280006, 0);
  if (syntax === 'jpeg-baseline') set(0x00282110, 'CS', '01');
  const pixels = findElement(root, PIXEL_DATA)!;
  if (native) edits.replaceWithVr(root, pixels, native, m.bitsAllocated > 8 ? 'OW' : 'OB');
  else edits.replaceEncapsulated(root, pixels, parts!);
  const chunks: Uint8Array[] = [
    encodeFileMeta({
      mediaStorageSopClassUid: overrides.sopClassUid ?? findText(parsed.buffer, root, 0x00080016) ?? '1.2.840.10008.5.1.4.1.1.7',
      mediaStorageSopInstanceUid: uid,
      transferSyntaxUid: SYNTAX_UID[syntax],
      implementationClassUid: '1.3.6.1.4.1.45037.1.1',
    }),
  ];
  writeDataset(parsed.buffer, root, edits, chunks);
  return Buffer.concat(chunks);
}

/** `count` labelled images, cycling through the sources, deterministic for a seed. */
/** Fixed choices for a specific case (the spec's T26): what to draw, where, and how the header looks. */
export interface Overrides {
  lines?: Array<{ words: string[]; size: number; placement: Placement; font?: string }>;
  patientName?: string;
  patientId?: string;
  sopClassUid?: string;
  burnedInAnnotation?: 'YES' | 'NO';
}

export async function generateBurnedIn(count: number, seed = 1, sources: Source[] = SOURCES, overrides: Overrides = {}): Promise<GeneratedImage[]> {
  const fonts = loadFonts();
  const codecs = await loadCodecs();
  const rnd = random(seed);
  const out: GeneratedImage[] = [];
  for (let n = 0; n < count; n++) {
    const source = sources[n % sources.length];
    const l = load(source, codecs);
    const frames = l.frames.map((f) => ({ ...f, data: new Int32Array(f.data) }));
    const surname = pick(rnd, SURNAMES);
    const given = pick(rnd, GIVEN);
    const identity = {
      patientName: overrides.patientName ?? `${surname}^${given}`,
      patientId: overrides.patientId ?? String(10000000 + Math.floor(rnd() * 89999999)),
      birthDate: randomDate(rnd, 1930, 2010),
      studyDate: randomDate(rnd, 2012, 2025),
      accession: `ACC${100000 + Math.floor(rnd() * 899999)}`,
    };
    const words: GroundTruthWord[] = [];
    frames.forEach((frame, frameIndex) => {
      const maxSize = Math.max(8, Math.min(40, Math.floor(frame.height / 8)));
      // Lines on the same side of the frame stack (slot 0, 1) so they never overlap.
      const onSide = { top: 0, bottom: 0 };
      const onSideHeight = { top: 0, bottom: 0 };
      if (overrides.lines) {
        for (const line of overrides.lines) words.push(...drawLine(frame, l.module, line.words, line.size, line.font ?? fonts[0], line.placement, 0, frameIndex, 0));
        return;
      }
      const lines = 1 + Math.floor(rnd() * 2);
      for (let k = 0; k < lines; k++) {
        const placement = pick(rnd, PLACEMENTS);
        const side = placement.includes('top') ? 'top' : 'bottom';
        const slot = onSide[side]++;
        const font = pick(rnd, fonts);
        const content = pick(rnd, [
          [surname, given],
          [`${surname},`, given, dateText(rnd, identity.birthDate)],
          ['DOB:', dateText(rnd, identity.birthDate)],
          ['ID', identity.patientId],
          [identity.accession, dateText(rnd, identity.studyDate)],
        ]);
        // Shrink until the line fits across the frame and both slots fit in its height.
        let size = 8 + Math.floor(rnd() * (maxSize - 7));
        const probe = createCanvas(10, 10).getContext('2d');
        while (size > 8) {
          probe.font = `${size}px "${font}"`;
          if (probe.measureText(content.join(' ')).width < frame.width * 0.9) break;
          size--;
        }
        words.push(...drawLine(frame, l.module, content, size, font, placement, slot, frameIndex, slot > 0 ? onSideHeight[side] : 0));
        onSideHeight[side] += Math.ceil(size * 1.3) + 8;
      }
    });
    const uid = `1.2.826.0.1.3680043.10.1109.${seed}.${n + 1}`;
    const file = await writeInstance(l, source, frames, identity, uid, codecs, overrides);
    out.push({ name: `${String(n + 1).padStart(4, '0')}-${source.name}`, source: source.name, file, words, identity });
  }
  return out;
}
