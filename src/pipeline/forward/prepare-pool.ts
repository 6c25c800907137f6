// De-identification off the main thread. Preparing an instance is CPU work (decode and screen every frame,
// OCR, parse, rewrite, verify every value); on the event loop it would stall the DICOM listener and the web
// app while a large study is forwarded. A small pool of worker threads takes the jobs; callers await them as
// if inline. `fiona deid` and forwarding both use it, so both run the same stages.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DeidRefusal, type DeidContext, type RefusalCode } from '../deid/index.js';
import type { PrepareOptions, PrepareOutcome } from './deid-adapter.js';
import type { PrepareAnswer, PrepareJob } from './prepare-worker.js';

interface Pending {
  resolve: (answer: PrepareAnswer & { ok: true }) => void;
  reject: (err: Error) => void;
  slot: Slot;
}

interface Slot {
  worker: Worker;
  busy: number;
}

export interface PreparePool {
  /**
   * `handOver`: the caller is done with `input`; its memory moves to the thread instead of being copied (the
   * Buffer is empty afterwards). Only a Buffer that owns its whole memory moves (a file read); others are copied.
   */
  prepare(input: Buffer, context: DeidContext, options?: PrepareOptions, handOver?: boolean): Promise<PrepareOutcome>;
  /** The number of threads. */
  readonly size: number;
  /** One frame of an instance as a PNG (the pixel review page). */
  preview(input: Buffer, frame: number): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * The thread's module: compiled, this file is a chunk of dist/server beside prepare-worker.js (src/server-build.ts);
 * run from the sources (tests, tsx), a bootstrap registers tsx in the thread first.
 */
const BOOTSTRAP = import.meta.url.endsWith('.ts') ? new URL('./prepare-worker-bootstrap.js', import.meta.url) : new URL('./prepare-worker.js', import.meta.url);

/** One thread per core but one, so the listener keeps a core; at least one. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

const asBuffer = (d: Uint8Array) => Buffer.from(d.buffer, d.byteOffset, d.byteLength);

export function createPreparePool(size = defaultPoolSize()): PreparePool {
  const pending = new Map<number, Pending>();
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(BOOTSTRAP), busy: 0 };
    slot.worker.unref();
    slot.worker.on('message', (answer: PrepareAnswer) => {
      slot.busy--;
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if (!waiting) return;
      if (answer.ok) waiting.resolve(answer);
      else if (answer.refusal) waiting.reject(new DeidRefusal(answer.refusal.code as RefusalCode, answer.refusal.reason, answer.refusal.redactedReason, answer.refusal.places));
      else waiting.reject(new Error(answer.error ?? 'de-identification failed'));
    });
    slot.worker.on('error', (err) => {
      // A crashed thread fails only its own jobs; a new one takes its place.
      for (const [id, waiting] of pending) {
        if (waiting.slot === slot) {
          pending.delete(id);
          waiting.reject(err);
        }
      }
      const index = slots.indexOf(slot);
      if (index >= 0 && !closed) slots[index] = start();
    });
    return slot;
  };

  for (let i = 0; i < size; i++) slots.push(start());

  type JobBody = PrepareJob extends infer J ? (J extends PrepareJob ? Omit<J, 'id'> : never) : never;
  const run = (job: JobBody, transfer: ArrayBuffer[] = []): Promise<PrepareAnswer & { ok: true }> => {
    if (closed) return Promise.reject(new Error('the preparation pool is closed'));
    const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, slot });
      slot.busy++;
      slot.worker.postMessage({ ...job, id } as PrepareJob, transfer);
    });
  };

  return {
    size,
    async prepare(input, context, options = {}, handOver = false) {
      const memory = input.buffer;
      const owned = handOver && memory instanceof ArrayBuffer && input.byteOffset === 0 && input.byteLength === memory.byteLength;
      const answer = await run({ kind: 'prepare', input, context, options }, owned ? [memory] : []);
      if (!('outcome' in answer)) throw new Error('unexpected answer from the preparation pool');
      const outcome = answer.outcome;
      if (outcome.kind === 'review') return outcome;
      // Structured clone delivers Buffers as plain Uint8Arrays (views of one transferred memory).
      const p = outcome.prepared;
      return { kind: 'prepared', prepared: { ...p, dataset: asBuffer(p.dataset), file: asBuffer(p.file) } };
    },
    async preview(input, frame) {
      const answer = await run({ kind: 'preview', input, frame });
      if (!('png' in answer)) throw new Error('unexpected answer from the preparation pool');
      return asBuffer(answer.png);
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
      for (const waiting of pending.values()) waiting.reject(new Error('the preparation pool is closed'));
      pending.clear();
    },
  };
}
