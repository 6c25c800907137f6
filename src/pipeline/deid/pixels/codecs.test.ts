// Decoding every transfer syntax of the test data to the same values, and lossless re-encoding that gives
// them back value for value; masking native bytes in either byte order without touching anything else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../../../dicom/parse.js';
import { testFile } from '../../../../test/support/testdata.js';
import { loadCodecs } from './codecs.js';
import { decodeImage } from './decode.js';
import { encapsulatedFrames } from './frames.js';
import { maskNative } from './mask.js';
import { fillValue, readPixelModule } from './pixel-module.js';
import { fromNative } from './samples.js';
import { decodeRle, encodeRle } from './rle.js';

const decode = async (path: string) => {
  const parsed = parseDicom(readFileSync(testFile(path)));
  const m = readPixelModule(parsed.buffer, parsed.dataset)!;
  return { parsed, m, image: decodeImage(parsed, m, await loadCodecs()) };
};

describe('decoding', () => {
  it('reads one Siemens image identically in all its transfer syntaxes (explicit, implicit, big endian, RLE, JPEG lossless, JPEG-LS, JPEG 2000)', async () => {
    const reference = (await decode('transfer_syntax/siemens_trio_dcm_qa_ts/1.dcm')).image.frames[0].data;
    expect(reference.length).toBe(384 * 384);
    for (let n = 2; n <= 9; n++) {
      const { parsed, image } = await decode(`transfer_syntax/siemens_trio_dcm_qa_ts/${n}.dcm`);
      expect(image.frames[0].data, `${n}.dcm (${parsed.transferSyntaxUid})`).toEqual(reference);
    }
  });

  it('reads MR_small identically in explicit, implicit, big endian, RLE, JPEG 2000 lossless and JPEG-LS lossless (signed 16-bit)', async () => {
    const reference = (await decode('tricky/transfer_syntax/MR_small.dcm')).image.frames[0].data;
    for (const name of ['MR_small_implicit', 'MR_small_bigendian', 'MR_small_expb', 'MR_small_RLE', 'MR_small_jp2klossless', 'MR_small_jpeg_ls_lossless']) {
      expect((await decode(`tricky/transfer_syntax/${name}.dcm`)).image.frames[0].data, name).toEqual(reference);
    }
  });

  it('reads every frame of multi-frame RLE, RGB lossless JPEG, HTJ2K RGB, deflated frames and palette colour', async () => {
    const rle2 = await decode('tricky/transfer_syntax/SC_rgb_rle_2frame.dcm');
    const rgb = await decode('tricky/transfer_syntax/SC_rgb_rle.dcm');
    expect(rle2.image.frames).toHaveLength(2);
    expect(rle2.image.frames[0].data).toEqual(rgb.image.frames[0].data);
    expect((await decode('tricky/transfer_syntax/SC_rgb_jpeg_gdcm.dcm')).image.frames[0].data).toEqual(rgb.image.frames[0].data);
    const ht = await decode('tricky/transfer_syntax/HTJ2KLossless_08_RGB.dcm');
    expect(ht.image.frames[0]).toMatchObject({ width: 640, height: 480, samples: 3 });
    const emri = await decode('tricky/transfer_syntax/emri_small_RLE.dcm');
    expect(emri.image.frames).toHaveLength(10);
    const seg = await decode('tricky/transfer_syntax/liver_deflate.dcm');
    expect(seg.image.frames.length).toBe(seg.m.frames);
    expect(seg.image.frames.every((f) => f.data.every((v) => v === 0 || v === 1))).toBe(true);
    const palette = await decode('secondary_capture/OT-PAL-8-face.dcm');
    expect(palette.m.palette?.red.length).toBe(200); // the LUT descriptor's entry count
    expect(palette.image.frames[0]).toMatchObject({ width: 640, height: 480, samples: 1 });
  });

  it('re-encodes losslessly: RLE, JPEG-LS, JPEG 2000 and HTJ2K give every value back (grey 12-bit and RGB 8-bit)', async () => {
    const codecs = await loadCodecs();
    for (const path of ['transfer_syntax/siemens_trio_dcm_qa_ts/1.dcm', 'tricky/transfer_syntax/SC_rgb_rle.dcm', 'tricky/transfer_syntax/MR_small.dcm']) {
      const { image } = await decode(path);
      for (const encoding of ['rle', 'jpeg-ls', 'j2k', 'htj2k'] as const) {
        const encoded = codecs.encode(encoding, image.frames[0], image.module);
        expect(codecs.decode(encoding, encoded, image.module).frame.data, `${path} ${encoding}`).toEqual(image.frames[0].data);
      }
    }
  });

  it('splits encapsulated pixel data into frames by the offset table or by fragment', async () => {
    const { parsed, m } = await decode('tricky/transfer_syntax/SC_rgb_rle_2frame.dcm');
    const el = parsed.dataset.elements.find((e) => e.tag === 0x7fe00010)!;
    const frames = encapsulatedFrames(parsed.buffer, el, 2);
    expect(frames).toHaveLength(2);
    expect(decodeRle(frames[1], m).data.length).toBe(100 * 100 * 3);
    expect(decodeRle(encodeRle(decodeRle(frames[0], m), m), m).data).toEqual(decodeRle(frames[0], m).data);
  });
});

describe('masking native pixel bytes', () => {
  it('fills the rectangle with the fill value in either byte order and leaves every other byte as it was', async () => {
    for (const [path, le] of [['tricky/transfer_syntax/MR_small.dcm', true], ['tricky/transfer_syntax/MR_small_bigendian.dcm', false]] as const) {
      const { parsed, m } = await decode(path);
      const el = parsed.dataset.elements.find((e) => e.tag === 0x7fe00010)!;
      const before = Buffer.from(parsed.buffer.subarray(el.valueOffset, el.valueOffset + el.length));
      const bytes = Buffer.from(before);
      const fill = fillValue(m);
      expect(fill).toBe(-32768); // MONOCHROME2, signed 16 bits stored: the minimum of the representation
      maskNative(bytes, m, le, [{ x: 10, y: 20, width: 5, height: 3 }], [fill]);
      const after = fromNative(bytes, m, le).data;
      let changed = 0;
      for (let i = 0; i < bytes.length; i++) if (bytes[i] !== before[i]) changed++;
      expect(changed).toBeLessThanOrEqual(5 * 3 * 2);
      for (let y = 0; y < 64; y++) {
        for (let x = 0; x < 64; x++) {
          const inside = x >= 10 && x < 15 && y >= 20 && y < 23;
          if (inside) expect(after[y * 64 + x]).toBe(-32768);
          else expect(bytes.readUInt16LE(0) >= 0).toBe(true);
        }
      }
    }
  });

  it('fills MONOCHROME1 with its maximum (dark on screen) and RGB with black', async () => {
    const { m: mono1 } = await decode('burned_in/pseudophi_cr_fuji_rle_0_ORIGINAL_compressed.dcm');
    expect(mono1.photometric).toBe('MONOCHROME1');
    expect(fillValue(mono1)).toBe(2 ** mono1.bitsStored - 1);
    const { m: rgb } = await decode('us/US1_UNCR.dcm');
    expect(fillValue(rgb)).toBe(0);
  });
});
