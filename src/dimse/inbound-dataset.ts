// The Readable handed to a store handler. Back-pressure travels to the socket: when the consumer's buffer
// is full the association pauses the socket, and _read (the consumer wants more) resumes it.
import { Readable } from 'node:stream';

/** Enough to let a disk writer batch, small enough that many parallel associations stay cheap. */
const HIGH_WATER_MARK = 256 * 1024;

export class InboundDataset extends Readable {
  constructor(private readonly onDemand: () => void) {
    super({ highWaterMark: HIGH_WATER_MARK });
    // An abort destroys the stream with an error; without a listener that would crash the process when the
    // handler has already stopped listening. Handlers still receive the error through their own listeners.
    this.on('error', () => {});
    this.on('close', onDemand);
  }

  override _read(): void {
    this.onDemand();
  }

  /** Pushes unless the consumer destroyed the stream; returns false when the producer should wait. */
  offer(slice: Buffer): boolean {
    if (this.destroyed || this.readableEnded) return true;
    return this.push(slice);
  }

  finish(): void {
    if (!this.destroyed) this.push(null);
  }
}
