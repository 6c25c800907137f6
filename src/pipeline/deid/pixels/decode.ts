// Every frame of an instance as stored values, whatever its transfer syntax.
import type { ParsedDicom } from '../../../dicom/parse.js';
import { PIXEL_DATA } from '../../../dicom/tag.js';
import { findElement, rawValue } from '../../../dicom/values.js';
import { UnsupportedEncoding, type Codecs } from './codecs.js';
import { encapsulatedFrames, nativeFrames } from './frames.js';
import type { PixelModule } from './pixel-module.js';
import { fromNative, type Frame } from './samples.js';
import { encodingOf, type Encoding } from './syntaxes.js';

export interface DecodedImage {
  encoding: Encoding;
  frames: Frame[];
  /** The module as the frames are now: colour decoders may turn YBR into RGB; samples are interleaved. */
  module: PixelModule;
}

export function decodeImage(parsed: ParsedDicom, m: PixelModule, codecs: Codecs): DecodedImage {
  const encoding = encodingOf(parsed.transferSyntaxUid);
  if (!encoding) throw new UnsupportedEncoding(`transfer syntax ${parsed.transferSyntaxUid} is not decoded`);
  const el = findElement(parsed.dataset, PIXEL_DATA)!;
  if (encoding === 'native') {
    if (el.encapsulated) throw new UnsupportedEncoding('encapsulated pixel data under a native transfer syntax');
    const le = parsed.dataset.syntax.littleEndian || m.bitsAllocated === 8;
    const parts = nativeFrames(rawValue(parsed.buffer, el), m);
    const frames = m.bitsAllocated === 1
      ? Array.from({ length: m.frames }, (_, i) => fromNative(parts[0], m, true, i * m.rows * m.columns))
      : parts.map((bytes) => fromNative(bytes, m, le));
    return { encoding, frames, module: { ...m, planarConfiguration: 0 } };
  }
  if (!el.encapsulated) throw new UnsupportedEncoding(`native pixel data under compressed transfer syntax ${parsed.transferSyntaxUid}`);
  let photometric = m.photometric;
  const frames = encapsulatedFrames(parsed.buffer, el, m.frames).map((bytes) => {
    const decoded = codecs.decode(encoding, bytes, m);
    if (decoded.photometric) photometric = decoded.photometric;
    return decoded.frame;
  });
  for (const f of frames) {
    if (f.width !== m.columns || f.height !== m.rows || f.samples !== m.samplesPerPixel) {
      throw new UnsupportedEncoding(`decoded frame is ${f.width}x${f.height}x${f.samples}, the header says ${m.columns}x${m.rows}x${m.samplesPerPixel}`);
    }
  }
  return { encoding, frames, module: { ...m, photometric, planarConfiguration: 0 } };
}
