// What Fiona knows about each transfer syntax's pixel encoding: how to decode it and whether re-encoding in
// it keeps every value (section 7: cleaned frames go back in the original syntax only when it is lossless).
export const RLE = '1.2.840.10008.1.2.5';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
export const JPEG_EXTENDED = '1.2.840.10008.1.2.4.51';
export const JPEG_LOSSLESS = '1.2.840.10008.1.2.4.57';
export const JPEG_LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
export const JPEG_LS_NEAR = '1.2.840.10008.1.2.4.81';
export const J2K_LOSSLESS = '1.2.840.10008.1.2.4.90';
export const J2K = '1.2.840.10008.1.2.4.91';
export const HTJ2K_LOSSLESS = '1.2.840.10008.1.2.4.201';
export const HTJ2K_LOSSLESS_RPCL = '1.2.840.10008.1.2.4.202';
export const HTJ2K = '1.2.840.10008.1.2.4.203';

export const DEFLATED_FRAMES = '1.2.840.10008.1.2.8.1';

export type Encoding = 'native' | 'deflate' | 'rle' | 'jpeg' | 'jpeg-lossless' | 'jpeg-ls' | 'j2k' | 'htj2k';

const ENCODINGS: Record<string, Encoding> = {
  '1.2.840.10008.1.2': 'native',
  '1.2.840.10008.1.2.1': 'native',
  '1.2.840.10008.1.2.2': 'native',
  '1.2.840.10008.1.2.1.99': 'native',
  [RLE]: 'rle',
  [DEFLATED_FRAMES]: 'deflate',
  [JPEG_BASELINE]: 'jpeg',
  [JPEG_EXTENDED]: 'jpeg',
  [JPEG_LOSSLESS]: 'jpeg-lossless',
  [JPEG_LOSSLESS_SV1]: 'jpeg-lossless',
  [JPEG_LS_LOSSLESS]: 'jpeg-ls',
  [JPEG_LS_NEAR]: 'jpeg-ls',
  [J2K_LOSSLESS]: 'j2k',
  [J2K]: 'j2k',
  [HTJ2K_LOSSLESS]: 'htj2k',
  [HTJ2K_LOSSLESS_RPCL]: 'htj2k',
  [HTJ2K]: 'htj2k',
};

export function encodingOf(transferSyntaxUid: string): Encoding | undefined {
  return ENCODINGS[transferSyntaxUid];
}

/** Syntaxes whose every frame Fiona can write again, value for value, after masking. */
export const LOSSLESS_REENCODE = new Set([RLE, DEFLATED_FRAMES, JPEG_LS_LOSSLESS, J2K_LOSSLESS, HTJ2K_LOSSLESS, JPEG_LOSSLESS_SV1, JPEG_LOSSLESS]);
