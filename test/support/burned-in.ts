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

// ---------------------------------------------------------------------------------------------------------
// Vendor overlays on large frames (issue 9, helper pixels-large). Kept apart from the generator above so the
// two grow independently: its own sources, its own layout, its own entry point (generateVendorOverlay).
//
// The independent check sends real CR/DX/CT with the vendor's annotation drawn in: blocks of 3-6 lines in
// two to four corners ("Name: DOE^JANE", "ID: 12345678", "DOB: 15-Jan-1970", "Acc#: A123456", the study date
// and time, the institution), in a sans or monospace font whose size follows the frame (1.5-4 % of its
// height: 30-120 px on a 2000-3000 px radiograph), mostly white, sometimes with a dark shadow, sometimes
// dark. The sources are the large frames test/data has: the Fuji CR (2140x1760, 10-bit MONOCHROME1) in
// text-free crops, also written as MONOCHROME2 and at 12/14/16 bits stored; an upscaled crop (x1.5, bilinear)
// standing in for a 3000-pixel DX detector (test/data has no DX); and the 512x512 frames of the enhanced CT.
// ---------------------------------------------------------------------------------------------------------

export interface LargeSource extends Source {
  /** Enlarge the (cropped) frame by this factor, bilinear: a stand-in for larger detectors. */
  upscale?: number;
  /** Write the frame as MONOCHROME2 (values inverted), whatever the source's photometric. */
  monochrome2?: boolean;
  /** Rescale the values to this many bits stored (bits allocated 16). */
  bitsStored?: number;
}

const FUJI = 'burned_in/pseudophi_cr_fuji_rle_0_ORIGINAL_compressed.dcm';

/** The Fuji CR's drawn text lies in its top 250 rows and its right 90 columns; these crops avoid both. */
export const LARGE_SOURCES: LargeSource[] = [
  { name: 'cr-full-mono1', file: FUJI, crop: { x: 0, y: 250, width: 2040, height: 1510 }, syntax: 'rle' },
  { name: 'cr-chest-mono2-12bit', file: FUJI, crop: { x: 200, y: 250, width: 1600, height: 1400 }, syntax: 'explicit', monochrome2: true, bitsStored: 12 },
  { name: 'dx-upscaled-mono2-14bit', file: FUJI, crop: { x: 100, y: 300, width: 1800, height: 1400 }, syntax: 'rle', upscale: 1.5, monochrome2: true, bitsStored: 14 },
  { name: 'cr-abdomen-mono1-16bit', file: FUJI, crop: { x: 150, y: 760, width: 1700, height: 1000 }, syntax: 'explicit', bitsStored: 16 },
  { name: 'ct-512', file: 'ct/eCT_Supplemental.dcm', syntax: 'explicit' },
];

/** More text-free frames for false positives: quarters and strips of the CR at other offsets and models. */
export const CLEAN_LARGE_SOURCES: LargeSource[] = [
  ...LARGE_SOURCES,
  { name: 'cr-q1', file: FUJI, crop: { x: 0, y: 250, width: 1024, height: 1024 }, syntax: 'explicit' },
  { name: 'cr-q2-mono2', file: FUJI, crop: { x: 1016, y: 250, width: 1024, height: 1024 }, syntax: 'explicit', monochrome2: true },
  { name: 'cr-q3-mono2-16bit', file: FUJI, crop: { x: 0, y: 736, width: 1024, height: 1024 }, syntax: 'explicit', monochrome2: true, bitsStored: 16 },
  { name: 'cr-q4', file: FUJI, crop: { x: 1016, y: 736, width: 1024, height: 1024 }, syntax: 'explicit', bitsStored: 12 },
  { name: 'cr-strip', file: FUJI, crop: { x: 0, y: 1200, width: 2040, height: 560 }, syntax: 'explicit' },
  { name: 'dx-upscaled-abdomen', file: FUJI, crop: { x: 300, y: 900, width: 1500, height: 860 }, syntax: 'explicit', upscale: 2, monochrome2: true, bitsStored: 14 },
];

const largeLoaded = new Map<string, Loaded>();

function upscaled(frame: Frame, k: number): Frame {
  const W = Math.round(frame.width * k);
  const H = Math.round(frame.height * k);
  const data = new Int32Array(W * H);
  for (let Y = 0; Y < H; Y++) {
    const fy = Math.min(frame.height - 1, Math.max(0, (Y + 0.5) / k - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(frame.height - 1, y0 + 1);
    const ty = fy - y0;
    for (let X = 0; X < W; X++) {
      const fx = Math.min(frame.width - 1, Math.max(0, (X + 0.5) / k - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(frame.width - 1, x0 + 1);
      const tx = fx - x0;
      const at = (x: number, y: number) => frame.data[y * frame.width + x];
      data[Y * W + X] = Math.round((at(x0, y0) * (1 - tx) + at(x1, y0) * tx) * (1 - ty) + (at(x0, y1) * (1 - tx) + at(x1, y1) * tx) * ty);
    }
  }
  return { width: W, height: H, samples: 1, data };
}

function loadLarge(source: LargeSource, codecs: Codecs): Loaded {
  let l = largeLoaded.get(source.name);
  if (l) return l;
  const base = load(source, codecs);
  let frames = base.frames;
  let module = base.module;
  if (source.upscale) {
    frames = frames.map((f) => upscaled(f, source.upscale!));
    module = { ...module, rows: frames[0].height, columns: frames[0].width };
  }
  if (source.bitsStored || source.monochrome2) {
    const from = module.bitsStored;
    const to = source.bitsStored ?? from;
    const max = (1 << to) - 1;
    const scale = ((1 << to) - 1) / ((1 << from) - 1);
    const invert = source.monochrome2 && module.photometric === 'MONOCHROME1';
    frames = frames.map((f) => ({ ...f, data: f.data.map((v) => {
      const s = Math.min(max, Math.max(0, Math.round(v * scale)));
      return invert ? max - s : s;
    }) }));
    module = { ...module, bitsStored: to, highBit: to - 1, photometric: source.monochrome2 ? 'MONOCHROME2' : module.photometric };
  }
  l = { parsed: base.parsed, module, frames };
  largeLoaded.set(source.name, l);
  return l;
}

const VENDOR_FONTS: Array<[family: string, file: string]> = [
  ['DejaVu Sans', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
  ['DejaVu Sans Mono', '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf'],
  ['Liberation Sans', '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf'],
  ['Liberation Mono', '/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf'],
  ['Liberation Sans Bold', '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf'],
  ['FreeSans Bold', '/usr/share/fonts/truetype/freefont/FreeSansBold.ttf'],
];

let vendorFontsLoaded = false;
function loadVendorFonts(): string[] {
  const families = VENDOR_FONTS.filter(([, file]) => existsSync(file));
  if (!vendorFontsLoaded) for (const [family, file] of families) GlobalFonts.registerFromPath(file, family);
  vendorFontsLoaded = true;
  return families.map(([family]) => family);
}

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
const CORNERS: Corner[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];
export type VendorStyle = 'white' | 'white-shadow' | 'dark';

/** A ground-truth word of a vendor overlay: where it sits and how big it is relative to the frame. */
export interface VendorWord extends GroundTruthWord {
  corner: Corner;
  style: VendorStyle;
  /** Font size as a share of the frame height (0.015-0.04). */
  relative: number;
}

export interface VendorImage extends Omit<GeneratedImage, 'words'> {
  words: VendorWord[];
  institution: string;
}

const VENDOR_SURNAMES = [...SURNAMES, 'DOE', 'LI', 'NG', 'OKAFOR', 'GARCIA', 'MULLER', 'DAVIDSON', 'SMITH', 'O\'BRIEN', 'VAN DYKE', 'NGUYEN', 'WU'];
const VENDOR_GIVEN = [...GIVEN, 'JANE', 'JOHN', 'MARIA', 'DOUGLAS', 'AMY', 'BO', 'PAT', 'ELIZABETH'];
const INSTITUTIONS = ['HAUKELAND UNIVERSITY HOSPITAL', 'ST OLAVS HOSPITAL', 'MERCY GENERAL', 'RIVERSIDE MEDICAL CENTER', 'NORTHSIDE CLINIC', 'VOSS SJUKEHUS'];

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date in one of the forms vendors draw, from YYYYMMDD. */
function vendorDate(rnd: () => number, ymd: string): string {
  const [y, m, d] = [ymd.slice(0, 4), ymd.slice(4, 6), ymd.slice(6, 8)];
  const mon = MONTHS[Number(m) - 1];
  return pick(rnd, [`${d}.${m}.${y}`, `${y}-${m}-${d}`, `${m}/${d}/${y}`, `${d}-${mon}-${y}`, `${d}-${mon.toUpperCase()}-${y}`, `${y}${m}${d}`, `${y}/${m}/${d}`, `${Number(d)} ${mon} ${y}`, `${m}.${d}.${y}`]);
}

/** Words of one line: text and whether it identifies (labels, units and acquisition values do not). */
type Token = [text: string, identifying: boolean];

function identityLines(rnd: () => number, id: GeneratedImage['identity'], institution: string, time: string): Token[][] {
  const [surname, given] = id.patientName.split('^');
  const label = (l: string, glued: boolean, value: string): Token[] => (glued ? [[`${l}${value}`, true]] : [[l, false], [value, true]]);
  const glue = () => rnd() < 0.3;
  const name: Token[] = pick(rnd, [
    [['Name:', false], [`${surname}^${given}`, true]],
    [[`${surname},`, true], [given, true]],
    [[`${surname}^${given}`, true]],
    [[surname, true], [given, true], [pick(rnd, ['[M]', '[F]', 'M', 'F']), false]],
    [['Patient:', false], [`${surname},${given}`, true]],
  ] as Token[][]).flatMap((t) => (t[0].includes(' ') ? t[0].split(' ').map((p): Token => [p, t[1]]) : [t]));
  const dob = vendorDate(rnd, id.birthDate);
  const study = vendorDate(rnd, id.studyDate);
  const dateTokens = (d: string): Token[] => d.split(' ').map((p): Token => [p, true]);
  return [
    name,
    label(pick(rnd, ['ID:', 'ID', 'PID:', 'MRN:']), glue(), id.patientId),
    [...label(pick(rnd, ['DOB:', 'DOB', 'Born']), false, '').slice(0, 1), ...dateTokens(dob)],
    label(pick(rnd, ['Acc#:', 'Acc:', 'Acc#', 'ACC:']), glue(), id.accession),
    [...dateTokens(study), [time, false]],
    institution.split(' ').map((w): Token => [w, true]),
  ];
}

const TECHNICAL: Token[][] = [
  [['kVp', false], ['120', false]], [['mAs', false], ['4.0', false]], [['W:', false], ['2048', false], ['L:', false], ['1024', false]],
  [['Portable', false]], [['Semi-Upright', false]], [['AP', false]], [['Se:', false], ['2', false]], [['Im:', false], ['14', false]],
  [['Thk:', false], ['5.0', false], ['mm', false]], [['120', false], ['kV', false]], [['Chest', false], ['PA', false]],
];

/** Renders one line of words into the frame at (left, top); returns each word's exact lit box. */
function drawVendorLine(frame: Frame, m: PixelModule, tokens: Token[], size: number, font: string, left: number, top: number, style: VendorStyle, frameIndex: number, extra: { corner: Corner; relative: number }): VendorWord[] {
  const probe = createCanvas(8, 8).getContext('2d');
  probe.font = `${size}px "${font}"`;
  const W = Math.ceil(probe.measureText(tokens.map((t) => t[0]).join(' ')).width) + 8;
  const H = Math.ceil(size * 1.4) + 4;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  ctx.font = `${size}px "${font}"`;
  ctx.textBaseline = 'top';
  const { bright, dark } = range(frame, m);
  const fg = style === 'dark' ? dark : bright;
  const shadowOffset = Math.max(1, Math.round(size / 18));
  const out: VendorWord[] = [];
  let x = 2;
  for (const [text, identifying] of tokens) {
    ctx.clearRect(0, 0, W, H);
    ctx.fillStyle = '#fff';
    ctx.fillText(text, x, 2);
    const glyph = ctx.getImageData(0, 0, W, H).data;
    let shadow: Uint8ClampedArray | undefined;
    if (style === 'white-shadow') {
      ctx.clearRect(0, 0, W, H);
      ctx.fillText(text, x + shadowOffset, 2 + shadowOffset);
      shadow = ctx.getImageData(0, 0, W, H).data;
    }
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -1;
    let y1 = -1;
    let contrast = 0;
    let weight = 0;
    const span = Math.max(1, Math.abs(bright - dark));
    for (let y = 0; y < H; y++) {
      const fy = top + y;
      if (fy < 0 || fy >= frame.height) continue;
      for (let xx = 0; xx < W; xx++) {
        const fx = left + xx;
        if (fx < 0 || fx >= frame.width) continue;
        const i = fy * frame.width + fx;
        const s = shadow ? shadow[(y * W + xx) * 4] : 0;
        if (s) frame.data[i] = Math.round(frame.data[i] + ((dark - frame.data[i]) * s) / 255);
        const a = glyph[(y * W + xx) * 4];
        if (!a && !s) continue;
        if (fx < x0) x0 = fx;
        if (fx > x1) x1 = fx;
        if (fy < y0) y0 = fy;
        if (fy > y1) y1 = fy;
        if (!a) continue;
        if (Math.abs(fg - frame.data[i]) / span >= 0.05) contrast += a;
        weight += a;
        frame.data[i] = Math.round(frame.data[i] + ((fg - frame.data[i]) * a) / 255);
      }
    }
    if (x1 >= 0) {
      out.push({ frame: frameIndex, text, box: { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 }, size, font, polarity: style === 'dark' ? 'dark' : 'bright', identifying, visible: contrast / Math.max(1, weight) >= 0.5, style, placement: extra.corner, ...extra });
    }
    x += ctx.measureText(`${text} `).width;
  }
  return out;
}

/**
 * `count` images with vendor-style annotation blocks, cycling through `sources`, deterministic for a seed.
 * Every frame gets blocks in two to four corners; each block is 3-6 lines mixing identity lines and
 * acquisition lines, one font, one size (1.5-4 % of the frame height), one style.
 */
export async function generateVendorOverlay(count: number, seed = 1, sources: LargeSource[] = LARGE_SOURCES): Promise<VendorImage[]> {
  const fonts = loadVendorFonts();
  const codecs = await loadCodecs();
  const rnd = random(seed * 7919 + 17);
  const out: VendorImage[] = [];
  for (let n = 0; n < count; n++) {
    const source = sources[n % sources.length];
    const l = loadLarge(source, codecs);
    const frames = l.frames.map((f) => ({ ...f, data: new Int32Array(f.data) }));
    const surname = pick(rnd, VENDOR_SURNAMES);
    const given = pick(rnd, VENDOR_GIVEN);
    const identity = {
      patientName: `${surname}^${given}`,
      patientId: pick(rnd, [String(10000000 + Math.floor(rnd() * 89999999)), `A${100000 + Math.floor(rnd() * 899999)}`, String(1000000000 + Math.floor(rnd() * 8999999999))]),
      birthDate: randomDate(rnd, 1930, 2010),
      studyDate: randomDate(rnd, 2012, 2025),
      accession: pick(rnd, [`A${100000 + Math.floor(rnd() * 899999)}`, `ACC${100000 + Math.floor(rnd() * 899999)}`, String(20000000 + Math.floor(rnd() * 79999999))]),
    };
    const institution = pick(rnd, INSTITUTIONS);
    const time = `${two(7 + Math.floor(rnd() * 12))}:${two(Math.floor(rnd() * 60))}${rnd() < 0.5 ? `:${two(Math.floor(rnd() * 60))}` : ''}`;
    const words: VendorWord[] = [];
    frames.forEach((frame, frameIndex) => {
      const corners = [...CORNERS].sort(() => rnd() - 0.5).slice(0, 2 + Math.floor(rnd() * 3));
      const pool = identityLines(rnd, identity, institution, time);
      // The patient's lines go to the first corner, the rest are spread over the others with acquisition lines.
      const shuffled = [...pool].sort(() => rnd() - 0.5);
      corners.forEach((corner, c) => {
        const nLines = 3 + Math.floor(rnd() * 4);
        const lines: Token[][] = [];
        for (let k = 0; k < nLines; k++) lines.push(c === 0 && k < 3 ? pool[k] : (shuffled.length && rnd() < 0.6 ? shuffled.pop()! : pick(rnd, TECHNICAL)));
        const font = pick(rnd, fonts);
        const style: VendorStyle = pick(rnd, ['white', 'white', 'white', 'white-shadow', 'dark']);
        let relative = 0.015 + rnd() * 0.025;
        let size = Math.max(8, Math.round(relative * frame.height));
        const probe = createCanvas(8, 8).getContext('2d');
        // Shrink until the block fits in its half of the frame, across and down.
        for (;;) {
          probe.font = `${size}px "${font}"`;
          const widest = Math.max(...lines.map((t) => probe.measureText(t.map((w) => w[0]).join(' ')).width));
          if ((widest < frame.width * 0.48 && nLines * size * 1.35 < frame.height * 0.45) || size <= 8) break;
          size--;
        }
        relative = size / frame.height;
        const step = Math.round(size * (1.2 + rnd() * 0.2));
        const margin = Math.round(frame.height * (0.005 + rnd() * 0.02));
        lines.forEach((tokens, k) => {
          probe.font = `${size}px "${font}"`;
          const w = Math.ceil(probe.measureText(tokens.map((t) => t[0]).join(' ')).width);
          const top = corner.startsWith('top') ? margin + k * step : frame.height - margin - (nLines - k) * step;
          const left = corner.endsWith('left') ? margin : frame.width - margin - w - 4;
          words.push(...drawVendorLine(frame, l.module, tokens, size, font, left, top, style, frameIndex, { corner, relative }));
        });
      });
    });
    const uid = `1.2.826.0.1.3680043.10.1109.9${seed}.${n + 1}`;
    let file = await writeInstance(l, source, frames, identity, uid, codecs, {});
    file = withHeader(file, l.module, institution);
    out.push({ name: `${String(n + 1).padStart(4, '0')}-${source.name}`, source: source.name, file, words, identity, institution });
  }
  return out;
}

/** The same source frames with no text drawn (for false positives on clean large frames). */
export async function cleanLarge(sources: LargeSource[] = CLEAN_LARGE_SOURCES): Promise<Array<{ name: string; file: Buffer }>> {
  const codecs = await loadCodecs();
  const out: Array<{ name: string; file: Buffer }> = [];
  for (const [n, source] of sources.entries()) {
    const l = loadLarge(source, codecs);
    const identity = { patientName: 'CLEAN^FRAME', patientId: '99999999', birthDate: '19700101', studyDate: '20200101', accession: 'A999999' };
    const file = await writeInstance(l, source, l.frames, identity, `1.2.826.0.1.3680043.10.1109.77.${n + 1}`, codecs, {});
    out.push({ name: source.name, file: withHeader(file, l.module, 'NOWHERE') });
  }
  return out;
}

/** Bits stored, high bit and the institution name the generated header must carry for this frame. */
function withHeader(file: Buffer, m: PixelModule, institution: string): Buffer {
  const parsed = parseDicom(file);
  const root = parsed.dataset;
  const edits = new EditSet();
  const put = (tag: number, value: Buffer, vr: string) => {
    const el = findElement(root, tag);
    if (el) edits.replace(root, el, value);
    else edits.insert(root, { tag, vr, value });
  };
  put(0x00280101, us(m.bitsStored), 'US');
  put(0x00280102, us(m.highBit), 'US');
  put(0x00080080, textBytes(institution, 'LO'), 'LO');
  const chunks: Uint8Array[] = [parsed.buffer.subarray(0, parsed.datasetStart)];
  writeDataset(parsed.buffer, root, edits, chunks);
  return Buffer.concat(chunks);
}
