// Clean frames of 256 pixels and more, for measuring false positives where they matter: 512x512 CT with the
// table and bone near the border, body MR, whole-body NM, large CR, a PET/CT fusion screenshot. test/data
// holds few such frames (most of its clean frames are 64x64 EPI), so each text-free real frame is also
// written in the forms the same anatomy reaches Fiona in: windowed so bone, table and contrast saturate at
// the brightest grey (exports and derived series), turned (prone, decubitus, other display orientations),
// magnified so the body runs off every edge, and interpolated to twice the size (scanners' 512 and 1024
// reconstructions). None of these frames carries text; every changed pixel is a false positive.
// Text-free by looking at every base frame (README of test/data for their origin): the Fuji CR and the
// Toshiba CT carry burned-in names, so only crops away from their text are used (and the Toshiba CT, implicit
// VR, is left out); the PT/CT fusion screenshot has no text in its pixels.
import { loadCodecs } from '../../src/pipeline/deid/pixels/codecs.js';
import type { Frame } from '../../src/pipeline/deid/pixels/samples.js';
import { findText } from '../../src/dicom/values.js';
import { load, writeInstance, type Loaded, type Source } from './burned-in.js';

export type Variant = 'original' | 'windowed' | 'turned180' | 'turned90' | 'magnified' | 'interpolated2x';

export interface CleanInstance {
  name: string;
  /** What kind of frame: ct, mr, pt, nm, cr. */
  kind: string;
  /** At risk by its header (the PT/CT fusion screenshot, a secondary capture): read whole, stricter policy. */
  atRisk: boolean;
  variant: Variant;
  file: Buffer;
  frames: number;
  width: number;
  height: number;
}

interface Base extends Source {
  kind: string;
  variants: Variant[];
  /** The SOP class written (the whole-body NM of test/data is stored as a secondary capture). */
  sopClassUid?: string;
}

const ALL: Variant[] = ['original', 'windowed', 'turned180', 'turned90', 'magnified'];

const BODY_MR = Array.from({ length: 26 }, (_, i) => `studies/siemens_pseudophi_tcia_body_mr/1-${String(i + 1).padStart(2, '0')}.dcm`);
const EPI = [3, 4, 5, 6].flatMap((s) => [1, 2].map((k) => `studies/siemens_skyra_nih_epi/mr_000${s}/${['epi_pe_ap', 'epi_pe_pa', 'epi_pe_rl', 'epi_pe_lr'][s - 3]}-0000${k}.dcm`));

export const CLEAN_BASES: Base[] = [
  // Body MR, 256 px: every slice in its original form, windowed and interpolated; every other slice turned
  // or magnified (the set stays near 200 frames, a few minutes through the stage on a loaded machine).
  ...BODY_MR.map((file, i): Base => ({ name: `mr-body-${i + 1}`, kind: 'mr', file, syntax: 'explicit', variants: i % 2 ? ['original', 'windowed', 'interpolated2x', 'turned90'] : ['original', 'windowed', 'interpolated2x', 'turned180', 'magnified'] })),
  ...EPI.map((file, i): Base => ({ name: `mr-epi-mosaic-${i + 1}`, kind: 'mr', file, syntax: 'explicit', variants: ['interpolated2x'] })),
  // Mosaics (a grid of EPI slices) are stored raw, never windowed, turned or magnified: as stored and
  // interpolated only. (Windowed, turned and magnified, the Trio mosaic's rows of same-sized bright slices
  // look like text to the screen and OCR reads "0000" and "GRE" in them: 4 of its 4 such frames changed.)
  { name: 'mr-trio-mosaic', kind: 'mr', file: 'transfer_syntax/siemens_trio_dcm_qa_ts/1.dcm', syntax: 'explicit', variants: ['original', 'interpolated2x'] },
  { name: 'mr-overlay', kind: 'mr', file: 'burned_in/MR-SIEMENS-DICOM-WithOverlays.dcm', syntax: 'explicit', variants: ALL },
  { name: 'ct-enhanced', kind: 'ct', file: 'ct/eCT_Supplemental.dcm', syntax: 'explicit', variants: ALL },
  { name: 'ct-abdomen', kind: 'ct', file: 'tricky/private_and_sequences/explicit_VR-UN.dcm', syntax: 'explicit', variants: ALL },
  { name: 'ct-spine', kind: 'ct', file: 'tricky/broken/bad_sequence.dcm', syntax: 'explicit', variants: ALL },
  { name: 'nm-whole-body', kind: 'nm', file: 'tricky/transfer_syntax/JPEG-LL.dcm', syntax: 'explicit', variants: ['original', 'windowed', 'turned180', 'magnified'], sopClassUid: '1.2.840.10008.5.1.4.1.1.20' },
  { name: 'pt-ct-fusion-rgb', kind: 'pt', file: 'burned_in/pseudophi_pt_sc_rgb_RGB_ORIGINAL.dcm', syntax: 'explicit', variants: ['original', 'turned180', 'turned90', 'magnified'] },
  // The Fuji CR (2140x1760): its text is in the top corners (to y 240) and along the right edge (x >= 1900).
  { name: 'cr-chest-a', kind: 'cr', file: 'burned_in/pseudophi_cr_fuji_rle_0_ORIGINAL_compressed.dcm', crop: { x: 0, y: 260, width: 1024, height: 1024 }, syntax: 'explicit', variants: ['original', 'windowed', 'turned90'] },
  { name: 'cr-chest-b', kind: 'cr', file: 'burned_in/pseudophi_cr_fuji_rle_0_ORIGINAL_compressed.dcm', crop: { x: 860, y: 700, width: 1024, height: 1024 }, syntax: 'explicit', variants: ['original', 'windowed', 'turned180'] },
  { name: 'cr-chest-c', kind: 'cr', file: 'burned_in/pseudophi_cr_fuji_rle_0_ORIGINAL_compressed.dcm', crop: { x: 200, y: 250, width: 1600, height: 1500 }, syntax: 'explicit', variants: ['original', 'windowed'] },
];

function percentile(frame: Frame, q: number): number {
  const values = Int32Array.from(frame.samples === 1 ? frame.data : frame.data.filter((_, i) => i % frame.samples === 0)).sort();
  return values[Math.min(values.length - 1, Math.floor(q * values.length))];
}

function map(frame: Frame, width: number, height: number, at: (x: number, y: number) => [number, number]): Frame {
  const s = frame.samples;
  const data = new Int32Array(width * height * s);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = at(x, y);
      const from = (sy * frame.width + sx) * s;
      for (let k = 0; k < s; k++) data[(y * width + x) * s + k] = frame.data[from + k];
    }
  }
  return { width, height, samples: s, data };
}

/** Bilinear resampling of the region (x0, y0, w, h) of a frame to width x height. */
function resample(frame: Frame, x0: number, y0: number, w: number, h: number, width: number, height: number): Frame {
  const s = frame.samples;
  const data = new Int32Array(width * height * s);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(frame.height - 1, Math.max(0, y0 + ((y + 0.5) * h) / height - 0.5));
    const ya = Math.floor(fy);
    const yb = Math.min(frame.height - 1, ya + 1);
    const ty = fy - ya;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(frame.width - 1, Math.max(0, x0 + ((x + 0.5) * w) / width - 0.5));
      const xa = Math.floor(fx);
      const xb = Math.min(frame.width - 1, xa + 1);
      const tx = fx - xa;
      for (let k = 0; k < s; k++) {
        const v = (i: number, j: number) => frame.data[(j * frame.width + i) * s + k];
        const top = v(xa, ya) * (1 - tx) + v(xb, ya) * tx;
        const bottom = v(xa, yb) * (1 - tx) + v(xb, yb) * tx;
        data[(y * width + x) * s + k] = Math.round(top * (1 - ty) + bottom * ty);
      }
    }
  }
  return { width, height, samples: s, data };
}

function vary(frame: Frame, variant: Variant): Frame {
  const { width: w, height: h } = frame;
  switch (variant) {
    case 'original':
      return frame;
    case 'windowed': {
      // A bone-ish window: the brightest 4 % of the frame (bone, table, contrast, the film's unexposed
      // edge) at the top grey, the darkest 1 % at the bottom.
      const lo = percentile(frame, 0.01);
      const hi = percentile(frame, 0.96);
      return { ...frame, data: frame.data.map((v) => (v < lo ? lo : v > hi ? hi : v)) };
    }
    case 'turned180':
      return map(frame, w, h, (x, y) => [w - 1 - x, h - 1 - y]);
    case 'turned90':
      return map(frame, h, w, (x, y) => [y, h - 1 - x]);
    case 'magnified':
      // The middle 70 %, enlarged back to the frame's size: the body crosses every edge.
      return resample(frame, Math.round(w * 0.15), Math.round(h * 0.15), Math.round(w * 0.7), Math.round(h * 0.7), w, h);
    case 'interpolated2x':
      return resample(frame, 0, 0, w, h, 2 * w, 2 * h);
  }
}

function sopClassOf(l: Loaded): string {
  return findText(l.parsed.buffer, l.parsed.dataset, 0x00080016) ?? '';
}

const IDENTITY = { patientName: 'CLEAN^FRAME', patientId: 'CLEAN0001', birthDate: '19500101', studyDate: '20200101', accession: 'ACCCLEAN01' };

/** Every clean base frame in each of its variants, as DICOM (explicit VR little endian). */
export async function cleanLargeFrames(bases: Base[] = CLEAN_BASES): Promise<CleanInstance[]> {
  const codecs = await loadCodecs();
  const out: CleanInstance[] = [];
  let n = 0;
  for (const base of bases) {
    const l = load(base, codecs);
    for (const variant of base.variants) {
      const frames = l.frames.map((f) => vary(f, variant));
      const module = { ...l.module, rows: frames[0].height, columns: frames[0].width };
      const varied: Loaded = { ...l, module };
      const file = await writeInstance(varied, base, frames, IDENTITY, `1.2.826.0.1.3680043.10.1109.7.${++n}`, codecs, { sopClassUid: base.sopClassUid });
      out.push({ name: `${base.name}/${variant}`, kind: base.kind, atRisk: /\.7$/.test(base.sopClassUid ?? sopClassOf(l)), variant, file, frames: frames.length, width: frames[0].width, height: frames[0].height });
    }
  }
  return out;
}
