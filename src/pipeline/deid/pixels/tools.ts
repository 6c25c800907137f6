// The Debian tools behind the codec port, for what no in-process codec does: decoding 12-bit JPEG and
// anything a WASM decoder refuses (GDCM's gdcmconv --raw), and encoding JPEG lossless (DCMTK's dcmcjpeg,
// selection value 1, which is valid for both .57 and .70). Files go only to the job's private directory.
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function convert(dir: string, file: Uint8Array, command: string, args: string[]): Promise<Buffer> {
  const input = join(dir, 'in.dcm');
  const output = join(dir, 'out.dcm');
  await writeFile(input, file, { mode: 0o600 });
  try {
    await run(command, [...args, input, output], { timeout: 120_000, maxBuffer: 1 << 20 });
    return await readFile(output);
  } finally {
    await rm(input, { force: true });
    await rm(output, { force: true });
  }
}

/** The same Part-10 file with its pixel data decompressed (GDCM). */
export function decompressWithGdcm(dir: string, file: Uint8Array): Promise<Buffer> {
  return convert(dir, file, 'gdcmconv', ['--raw']);
}

/** A Part-10 file (explicit VR LE, native pixels) compressed as JPEG lossless SV1 (DCMTK). */
export function compressJpegLossless(dir: string, file: Uint8Array): Promise<Buffer> {
  return convert(dir, file, 'dcmcjpeg', ['+e1', '+un']);
}
