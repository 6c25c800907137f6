// The thread side of the de-identification pool: runs the pure engine on bytes it is sent.
import { parentPort } from 'node:worker_threads';
import { deidentify } from './deidentify.js';
import { DeidRefusal } from './refusal.js';
import type { DeidContext } from './context.js';

export interface DeidJob {
  id: number;
  input: Uint8Array;
  context: DeidContext;
}

export type DeidJobAnswer =
  | { id: number; ok: true; output: Uint8Array; report: unknown }
  | { id: number; ok: false; refusal?: { code: string; reason: string }; error?: string };

parentPort?.on('message', (job: DeidJob) => {
  let answer: DeidJobAnswer;
  try {
    const result = deidentify(job.input, job.context);
    answer = { id: job.id, ok: true, output: result.output, report: result.report };
    const buffer = result.output.buffer as ArrayBuffer;
    // Hand the output's memory over instead of copying it, when it owns its buffer.
    const transfer = result.output.byteOffset === 0 && result.output.byteLength === buffer.byteLength ? [buffer] : [];
    parentPort!.postMessage(answer, transfer);
    return;
  } catch (err) {
    answer =
      err instanceof DeidRefusal
        ? { id: job.id, ok: false, refusal: { code: err.code, reason: err.reason } }
        : { id: job.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(answer);
});
