// What the pixel stage changes in the instance, as edits the de-identification writer applies with its own:
// the new Pixel Data (native bytes or encapsulated fragments), the pixel-module attributes that change with
// it, BurnedInAnnotation, and the transfer syntax of the written file.
import type { Dataset } from '../../../dicom/dataset.js';
import type { EditSet } from '../../../dicom/edits.js';
import { textBytes, textElement } from '../../../dicom/encode.js';
import { PIXEL_DATA } from '../../../dicom/tag.js';
import { findElement } from '../../../dicom/values.js';
import { BURNED_IN_ANNOTATION, PHOTOMETRIC, PLANAR_CONFIGURATION } from './pixel-module.js';

export interface PixelRewrite {
  /** Undefined: the pixel data stays byte for byte (only BurnedInAnnotation is set). */
  pixelData?: { kind: 'native'; bytes: Buffer; vr: 'OB' | 'OW' } | { kind: 'encapsulated'; parts: Buffer[] };
  /** The written file's transfer syntax when it differs from the source's. */
  transferSyntaxUid?: string;
  photometric?: string;
  planarConfiguration?: number;
  burnedInAnnotation: 'YES' | 'NO';
  /** Human-readable notes for the report ("JPEG baseline written as explicit VR little endian"). */
  notes: string[];
}

function setText(edits: EditSet, root: Dataset, tag: number, vr: string, text: string): void {
  const el = findElement(root, tag);
  if (el) edits.replace(root, el, textBytes(text, vr));
  else edits.insert(root, textElement(tag, vr, text));
}

export function applyPixelRewrite(edits: EditSet, root: Dataset, rewrite: PixelRewrite): void {
  setText(edits, root, BURNED_IN_ANNOTATION, 'CS', rewrite.burnedInAnnotation);
  if (rewrite.photometric) setText(edits, root, PHOTOMETRIC, 'CS', rewrite.photometric);
  if (rewrite.planarConfiguration !== undefined) {
    const el = findElement(root, PLANAR_CONFIGURATION);
    const value = Buffer.alloc(2);
    if (root.syntax.littleEndian) value.writeUInt16LE(rewrite.planarConfiguration);
    else value.writeUInt16BE(rewrite.planarConfiguration);
    if (el) edits.replace(root, el, value);
  }
  const pixels = findElement(root, PIXEL_DATA);
  if (!pixels || !rewrite.pixelData) return;
  if (rewrite.pixelData.kind === 'native') edits.replaceWithVr(root, pixels, rewrite.pixelData.bytes, root.syntax.explicit ? rewrite.pixelData.vr : pixels.vr);
  else edits.replaceEncapsulated(root, pixels, rewrite.pixelData.parts);
}
