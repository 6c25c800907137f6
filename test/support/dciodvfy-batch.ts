// dciodvfy reads one file per call, so a test checking hundreds of files starts it hundreds of times. Forking
// from the test process costs time in proportion to its memory (a vitest worker holding dumps of many files
// spends tens of ms in the kernel per spawn); a small shell started once forks instead, running dciodvfy on
// each path written to its stdin exactly as runDciodvfy does (stderr read, stdout ignored, a signal is a crash).
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { parseDciodvfyOutput, type DciodvfyReport } from '../../src/dicom/dciodvfy.js';

const MARK = '@@fiona-dciodvfy-status ';
// The shell's own messages (e.g. "Aborted") go to its stderr, which is ignored: only dciodvfy's stderr is read.
const SCRIPT = `while IFS= read -r f; do dciodvfy "$f" 2>&1 >/dev/null </dev/null; printf '\\n${MARK}%d\\n' "$?"; done`;

const signalNames = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name]));

export interface DciodvfyRunner {
  run(path: string): Promise<DciodvfyReport>;
  close(): Promise<void>;
}

export function startDciodvfyRunner(): DciodvfyRunner {
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn('sh', ['-c', SCRIPT], { stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting: Array<{ resolve: (r: DciodvfyReport) => void; reject: (e: Error) => void }> = [];
  let buffered = '';
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    for (;;) {
      const at = buffered.indexOf(`\n${MARK}`);
      const end = at < 0 ? -1 : buffered.indexOf('\n', at + 1);
      if (end < 0) break;
      const text = buffered.slice(0, at);
      const status = Number(buffered.slice(at + 1 + MARK.length, end));
      buffered = buffered.slice(end + 1);
      const report = parseDciodvfyOutput(text);
      // A shell reports death by signal N as status 128 + N.
      const signal = status > 128 ? (signalNames.get(status - 128) ?? `signal ${status - 128}`) : undefined;
      if (signal) report.crashed = /^dciodvfy: (.*)$/m.exec(text)?.[1] ?? `stopped by ${signal}`;
      const next = waiting.shift();
      if (next) next.resolve(report);
      else fail(new Error('dciodvfy runner: a report nobody asked for'));
    }
  });
  child.on('error', fail);
  child.on('close', (code) => fail(new Error(`dciodvfy runner stopped (${code})`)));
  return {
    run(path) {
      if (failure) return Promise.reject(failure);
      if (path.includes('\n')) return Promise.reject(new Error(`dciodvfy runner: a path with a line break: ${JSON.stringify(path)}`));
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${path}\n`);
      });
    },
    close() {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('close', () => resolve());
        child.stdin.end();
      });
    },
  };
}
