// The codec port: encoded frame bytes <-> stored values, per encoding. In-process WebAssembly builds of the
// reference libraries (cornerstone's libjpeg-turbo, CharLS, OpenJPEG, OpenJPH) and jpeg-lossless-decoder-js
// do the work; RLE is ours (rle.ts). What they cannot do (12-bit JPEG, JPEG lossless encoding) goes to the
// Debian tools in tools.ts. Modules are instantiated once per thread; every call after that is synchronous.
import { createRequire } from 'node:module';
import type { PixelModule } from './pixel-module.js';
import type { Frame } from './samples.js';
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import { decodeRle, encodeRle } from './rle.js';
import { fromNative, toNative } from './samples.js';
import type { Encoding } from './syntaxes.js';

const require = createRequire(import.meta.url);

/* eslint-disable @typescript-eslint/no-explicit-any -- the emscripten modules have no type declarations */
interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

interface Wasm {
  jpeg: any;
  jls: any;
  j2k: any;
  htj2k: any;
}

let loading: Promise<Wasm> | undefined;

function load(): Promise<Wasm> {
  const factory = (name: string): Promise<any> => {
    const f = require(name);
    // OpenJPEG logs every header it reads through the module's print: silenced.
    return (typeof f === 'function' ? f : f.default)({ print: () => {}, printErr: () => {} });
  };
  loading ??= Promise.all([
    factory('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs'),
    factory('@cornerstonejs/codec-charls/wasmjs'),
    factory('@cornerstonejs/codec-openjpeg/wasmjs'),
    factory('@cornerstonejs/codec-openjph/wasmjs'),
  ]).then(([jpeg, jls, j2k, htj2k]) => ({ jpeg, jls, j2k, htj2k }));
  return loading;
}

export class UnsupportedEncoding extends Error {}

/** What a decoder produced besides the values: colour decoders may hand back RGB for YBR input. */
export interface Decoded {
  frame: Frame;
  photometric?: string;
}

function toFrame(values: ArrayLike<number>, info: FrameInfo, planar: boolean): Frame {
  const n = info.width * info.height;
  const spp = info.componentCount;
  const data = new Int32Array(n * spp);
  if (planar && spp > 1) {
    for (let p = 0; p < n; p++) for (let s = 0; s < spp; s++) data[p * spp + s] = values[s * n + p];
  } else data.set(values as ArrayLike<number>);
  return { width: info.width, height: info.height, samples: spp, data };
}

function view(bytes: Uint8Array, info: FrameInfo): ArrayLike<number> {
  const copy = new Uint8Array(bytes); // out of WASM memory before the decoder is deleted
  if (info.bitsPerSample <= 8) return info.isSigned ? new Int8Array(copy.buffer) : copy;
  return info.isSigned ? new Int16Array(copy.buffer, 0, copy.length >> 1) : new Uint16Array(copy.buffer, 0, copy.length >> 1);
}

function runDecoder(decoder: any, encoded: Uint8Array, m: PixelModule, planarAnswer?: () => boolean): Frame {
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info: FrameInfo = decoder.getFrameInfo();
    const signed = m.pixelRepresentation === 1;
    const fixed = { ...info, isSigned: info.isSigned || signed };
    return toFrame(view(decoder.getDecodedBuffer(), fixed), fixed, planarAnswer ? planarAnswer() : false);
  } finally {
    decoder.delete();
  }
}

function runEncoder(encoder: any, frame: Frame, m: PixelModule, setup: (e: any) => void): Uint8Array {
  try {
    // No colour transform: RGB is written as RGB, so decoding gives back exactly what was encoded.
    const info = { width: frame.width, height: frame.height, bitsPerSample: m.bitsStored, componentCount: frame.samples, isSigned: m.pixelRepresentation === 1, isUsingColorTransform: false };
    const target: Uint8Array = encoder.getDecodedBuffer(info);
    const values = m.bitsAllocated <= 8 ? (info.isSigned ? new Int8Array(target.buffer, target.byteOffset, target.length) : target) : info.isSigned ? new Int16Array(target.buffer, target.byteOffset, target.length >> 1) : new Uint16Array(target.buffer, target.byteOffset, target.length >> 1);
    values.set(frame.data as unknown as ArrayLike<number>);
    setup(encoder);
    encoder.encode();
    return new Uint8Array(encoder.getEncodedBuffer());
  } finally {
    encoder.delete();
  }
}

function decodeJpegLossless(encoded: Uint8Array, m: PixelModule): Frame {
  const { Decoder } = require('jpeg-lossless-decoder-js');
  const decoder = new Decoder();
  const bytesPer = m.bitsAllocated <= 8 ? 1 : 2;
  const copy = new Uint8Array(encoded);
  const out: ArrayBuffer = decoder.decode(copy.buffer, 0, copy.length, bytesPer);
  const values = bytesPer === 1 ? new Uint8Array(out) : m.pixelRepresentation === 1 ? new Int16Array(out) : new Uint16Array(out);
  return toFrame(values, { width: m.columns, height: m.rows, componentCount: m.samplesPerPixel, bitsPerSample: m.bitsAllocated, isSigned: m.pixelRepresentation === 1 }, false);
}

export interface Codecs {
  decode(encoding: Encoding, encoded: Uint8Array, m: PixelModule): Decoded;
  /** Encodes losslessly, or throws UnsupportedEncoding. */
  encode(encoding: Encoding, frame: Frame, m: PixelModule): Uint8Array;
}

export async function loadCodecs(): Promise<Codecs> {
  const wasm = await load();
  return {
    decode(encoding, encoded, m) {
      switch (encoding) {
        case 'rle':
          return { frame: decodeRle(encoded, m) };
        case 'jpeg': {
          if (m.bitsStored > 8) throw new UnsupportedEncoding('12-bit JPEG is not decoded in process');
          const frame = runDecoder(new wasm.jpeg.JPEGDecoder(), encoded, m);
          // libjpeg-turbo converts YCbCr to RGB for three-component images.
          return { frame, photometric: frame.samples === 3 ? 'RGB' : undefined };
        }
        case 'jpeg-lossless':
          return { frame: decodeJpegLossless(encoded, m) };
        case 'deflate':
          return { frame: fromNative(inflateRawSync(encoded), { ...m, frames: 1 }, true) };
        case 'jpeg-ls': {
          let interleave = 1;
          const decoder = new wasm.jls.JpegLSDecoder();
          const frame = runDecoder(decoder, encoded, m, () => {
            interleave = decoder.getInterleaveMode();
            return interleave === 0;
          });
          return { frame };
        }
        case 'j2k': {
          const frame = runDecoder(new wasm.j2k.J2KDecoder(), encoded, m);
          // Components transformed by RCT/ICT come back as RGB.
          return { frame, photometric: frame.samples === 3 ? 'RGB' : undefined };
        }
        case 'htj2k': {
          const frame = runDecoder(new wasm.htj2k.HTJ2KDecoder(), encoded, m);
          return { frame, photometric: frame.samples === 3 ? 'RGB' : undefined };
        }
        default:
          throw new UnsupportedEncoding(`no decoder for ${encoding}`);
      }
    },
    encode(encoding, frame, m) {
      switch (encoding) {
        case 'rle':
          return encodeRle(frame, m);
        case 'deflate':
          return deflateRawSync(toNative(frame, m));
        case 'jpeg-ls':
          return runEncoder(new wasm.jls.JpegLSEncoder(), frame, m, (e) => {
            e.setNearLossless(0);
            if (frame.samples > 1) e.setInterleaveMode(2);
          });
        case 'j2k':
          return runEncoder(new wasm.j2k.J2KEncoder(), frame, m, (e) => {
            e.setQuality(true, 0);
          });
        case 'htj2k':
          return runEncoder(new wasm.htj2k.HTJ2KEncoder(), frame, m, (e) => {
            e.setQuality(true, 0);
          });
        default:
          throw new UnsupportedEncoding(`no lossless encoder in process for ${encoding}`);
      }
    },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
