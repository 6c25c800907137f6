// One frame of an instance as a PNG for the pixel review page: 8-bit grey (or RGB for colour), windowed
// from the frame's own range like the screen sees it. Rendered on a pool thread, never on the event loop.
import { encode } from 'fast-png';
import { parseDicom } from '../../../dicom/parse.js';
import { decodeImage } from './decode.js';
import { rgbOf, toGray } from './display.js';
import { readPixelModule } from './pixel-module.js';
import { threadTools } from './stage.js';

export async function renderFrame(input: Uint8Array, frame: number): Promise<Uint8Array> {
  const parsed = parseDicom(input);
  const m = readPixelModule(parsed.buffer, parsed.dataset);
  if (!m) throw new Error('the instance has no pixel data');
  if (frame < 0 || frame >= m.frames) throw new Error(`the instance has ${m.frames} frame(s)`);
  const { codecs } = await threadTools();
  const image = decodeImage(parsed, m, codecs);
  const f = image.frames[frame];
  if (f.samples === 3 || (image.module.photometric === 'PALETTE COLOR' && image.module.palette)) {
    return encode({ width: f.width, height: f.height, data: rgbOf(f, image.module), channels: 3, depth: 8 });
  }
  const gray = toGray(f, image.module);
  return encode({ width: gray.width, height: gray.height, data: gray.data, channels: 1, depth: 8 });
}
