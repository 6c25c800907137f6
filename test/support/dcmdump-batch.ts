// `dcmdump` over many files in one process (+F prints a header per file), so a test that dumps hundreds of
// files pays DCMTK's start-up (data dictionary, ~20 ms of CPU) once per batch instead of once per file. A
// batch only counts when dcmdump says nothing about it (status 0, silent stderr); otherwise it is halved
// until the files it fails on are run alone, exactly as a one-file call would run them.
import { spawn } from 'node:child_process';

export interface DumpRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** One dcmdump (or other tool) call to completion; output decoded as latin1, byte for byte. */
export function runTool(command: string, args: string[]): Promise<DumpRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1') }));
  });
}

/** Splits the stdout of `dcmdump +F a b c` into the dump of each file, in order; throws when a header is missing. */
export function splitDumps(stdout: string, files: readonly string[]): string[] {
  const starts = files.map((file, i) => {
    const header = `# dcmdump (${i + 1}/${files.length}): ${file}\n`;
    const at = stdout.indexOf(header);
    if (at < 0) throw new Error(`dcmdump printed no header for ${file}`);
    return { at, body: at + header.length };
  });
  starts.forEach((s, i) => {
    if (i > 0 && s.at < starts[i - 1].at) throw new Error(`dcmdump headers out of order at ${files[i]}`);
  });
  return starts.map((s, i) => stdout.slice(s.body, i + 1 < starts.length ? starts[i + 1].at : stdout.length));
}

/**
 * The dump of every file with `args`, as `single(file)` would give it: files go to dcmdump in batches of
 * `batchSize`; a batch that is not silent and successful is halved, down to `single` for one file.
 */
export async function dumpBatched(files: readonly string[], args: string[], single: (file: string) => Promise<string>, batchSize = 48): Promise<string[]> {
  const dumps: string[] = [];
  for (let i = 0; i < files.length; i += batchSize) dumps.push(...(await dumpGroup(files.slice(i, i + batchSize), args, single)));
  return dumps;
}

async function dumpGroup(files: readonly string[], args: string[], single: (file: string) => Promise<string>): Promise<string[]> {
  if (files.length === 0) return [];
  if (files.length === 1) return [await single(files[0])];
  const run = await runTool('dcmdump', [...args, '+F', ...files]);
  if (run.status === 0 && run.stderr === '') return splitDumps(run.stdout, files);
  const half = Math.ceil(files.length / 2);
  return [...(await dumpGroup(files.slice(0, half), args, single)), ...(await dumpGroup(files.slice(half), args, single))];
}
