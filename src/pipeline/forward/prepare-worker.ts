// The thread side of the preparation pool: de-identifies one quarantine instance (pixels, then header), or
// renders one frame of it for the pixel review page.
import { parentPort } from 'node:worker_threads';
import { DeidRefusal, type DeidContext } from '../deid/index.js';
import type { RefusalPlace } from '../deid/refusal.js';
import { renderFrame } from '../deid/pixels/preview.js';
import { prepareWithPixels, type PrepareOptions, type PrepareOutcome } from './deid-adapter.js';

export type PrepareJob =
  | { id: number; kind: 'prepare'; input: Uint8Array; context: DeidContext; options: PrepareOptions }
  | { id: number; kind: 'preview'; input: Uint8Array; frame: number };

export type PrepareAnswer =
  | { id: number; ok: true; outcome: PrepareOutcome }
  | { id: number; ok: true; png: Uint8Array }
  | { id: number; ok: false; refusal?: { code: string; reason: string; redactedReason: string; places: RefusalPlace[] }; error?: string };

async function handle(job: PrepareJob): Promise<void> {
  let answer: PrepareAnswer;
  try {
    const input = Buffer.from(job.input.buffer, job.input.byteOffset, job.input.byteLength);
    if (job.kind === 'preview') {
      const png = await renderFrame(input, job.frame);
      parentPort!.postMessage({ id: job.id, ok: true, png } satisfies PrepareAnswer, [png.buffer as ArrayBuffer]);
      return;
    }
    const outcome = await prepareWithPixels(input, job.context, job.options);
    answer = { id: job.id, ok: true, outcome };
    const transfer: ArrayBuffer[] = [];
    if (outcome.kind === 'prepared') {
      const memory = outcome.prepared.file.buffer as ArrayBuffer;
      // Hand the output's memory over instead of copying it, when nothing else shares it.
      if (memory.byteLength === outcome.prepared.file.byteLength + outcome.prepared.file.byteOffset && memory.byteLength > 8192) transfer.push(memory);
    }
    parentPort!.postMessage(answer, transfer);
    return;
  } catch (err) {
    answer =
      err instanceof DeidRefusal
        ? { id: job.id, ok: false, refusal: { code: err.code, reason: err.reason, redactedReason: err.redactedReason, places: err.places } }
        : { id: job.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(answer);
}

parentPort?.on('message', (job: PrepareJob) => void handle(job));
