// De-identification off the main thread. The engine is CPU work (parse, rewrite, verify every value); on
// the event loop it would stall the DICOM listener and the web app while a large study is forwarded. A
// small pool of worker threads takes the jobs; callers await a promise as if it ran inline.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DeidContext } from './context.js';
import type { DeidResult } from './deidentify.js';
import { DeidRefusal, type RefusalCode } from './refusal.js';
import type { DeidReport } from './report.js';
import type { DeidJob, DeidJobAnswer } from './worker.js';

interface Pending {
  resolve: (result: DeidResult) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
}

export interface DeidPool {
  run(input: Uint8Array, context: DeidContext): Promise<DeidResult>;
  close(): Promise<void>;
}

const BOOTSTRAP = new URL('./worker-bootstrap.js', import.meta.url);

/** One thread per core but one, so the listener keeps a core; at least one. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function createDeidPool(size = defaultPoolSize()): DeidPool {
  const pending = new Map<number, Pending>();
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const start = (): Slot => {
    const slot: Slot = { worker: new Worker(BOOTSTRAP), busy: 0 };
    slot.worker.unref();
    slot.worker.on('message', (answer: DeidJobAnswer) => {
      slot.busy--;
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if (!waiting) return;
      if (answer.ok) waiting.resolve({ output: Buffer.from(answer.output.buffer, answer.output.byteOffset, answer.output.byteLength), report: answer.report as DeidReport });
      else if (answer.refusal) waiting.reject(new DeidRefusal(answer.refusal.code as RefusalCode, answer.refusal.reason));
      else waiting.reject(new Error(answer.error ?? 'de-identification failed'));
    });
    slot.worker.on('error', (err) => {
      // A crashed thread fails only its own jobs; a new one takes its place.
      for (const [id, waiting] of pending) {
        if ((waiting as Pending & { slot?: Slot }).slot === slot) {
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

  return {
    run(input, context) {
      if (closed) return Promise.reject(new Error('de-identification pool is closed'));
      const slot = slots.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = nextId++;
      return new Promise<DeidResult>((resolve, reject) => {
        pending.set(id, Object.assign({ resolve, reject }, { slot }));
        slot.busy++;
        const job: DeidJob = { id, input, context };
        slot.worker.postMessage(job);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
      for (const waiting of pending.values()) waiting.reject(new Error('de-identification pool closed'));
      pending.clear();
    },
  };
}
