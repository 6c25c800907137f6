// The thread side of the preparation pool: de-identifies one quarantine instance for its transfer.
import { parentPort } from 'node:worker_threads';
import { DeidRefusal, type DeidContext } from '../deid/index.js';
import { prepareInstance, type DerivedFrom, type PreparedInstance } from './deid-adapter.js';

export interface PrepareJob {
  id: number;
  input: Uint8Array;
  context: DeidContext;
  derived?: DerivedFrom;
}

export type PrepareAnswer =
  | { id: number; ok: true; prepared: PreparedInstance }
  | { id: number; ok: false; refusal?: { code: string; reason: string; redactedReason: string }; error?: string };

parentPort?.on('message', (job: PrepareJob) => {
  let answer: PrepareAnswer;
  try {
    const input = Buffer.from(job.input.buffer, job.input.byteOffset, job.input.byteLength);
    const prepared = prepareInstance(input, job.context, job.derived);
    answer = { id: job.id, ok: true, prepared };
    const memory = prepared.dataset.buffer as ArrayBuffer;
    // Hand the output's memory over instead of copying it, when nothing else shares it.
    const transfer = memory.byteLength === prepared.dataset.byteLength + prepared.dataset.byteOffset && memory.byteLength > 8192 ? [memory] : [];
    parentPort!.postMessage(answer, transfer);
    return;
  } catch (err) {
    answer =
      err instanceof DeidRefusal
        ? { id: job.id, ok: false, refusal: { code: err.code, reason: err.reason, redactedReason: err.redactedReason } }
        : { id: job.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(answer);
});
