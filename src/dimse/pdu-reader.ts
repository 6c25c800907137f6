// Incremental PDU reader. P-DATA-TF is never buffered whole: PDV payload is handed on as slices of the
// socket's own chunks (no copy), so a large dataset flows through in socket-sized pieces. Other PDUs are
// small and are collected whole. The consumer can hold() the reader to stop it between callbacks; what
// has arrived meanwhile stays queued (the socket is expected to be paused alongside).
import { AbortReason, PduType, PDU_HEADER_LENGTH, PDV_HEADER_LENGTH, ProtocolError } from './pdu-types.js';

export interface PduSink {
  /** A complete non-P-DATA PDU (type, body without header). */
  onPdu(type: number, body: Buffer): void;
  /** A PDV starts: `length` is its payload size (the fragment), excluding context ID and control byte. */
  onPdvStart(contextId: number, command: boolean, last: boolean, length: number): void;
  onPdvData(slice: Buffer): void;
  onPdvEnd(): void;
}

export interface PduReaderLimits {
  /** Largest P-DATA-TF body accepted (our announced maximum plus a margin for peers that round up). */
  maxPDataLength: number;
  /** Largest other PDU body accepted (association requests with many contexts stay far below this). */
  maxOtherLength: number;
}

const enum State { PduHeader, PdvHeader, PdvData, Body }

export class PduReader {
  private queue: Buffer[] = [];
  private offset = 0;
  private held = false;
  private failed = false;
  private state = State.PduHeader;
  private header = Buffer.alloc(PDU_HEADER_LENGTH);
  private headerFill = 0;
  private pduRemaining = 0;
  private pdvRemaining = 0;
  private body: Buffer = Buffer.alloc(0);
  private bodyFill = 0;
  private pduType = 0;
  /** PDUs read whole so far: the slow-sender watchdog sees progress by it, not by bytes. */
  completedPdus = 0;

  constructor(
    private readonly sink: PduSink,
    private readonly limits: PduReaderLimits,
    private readonly onError: (error: ProtocolError) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.failed) return;
    this.queue.push(chunk);
    if (!this.held) this.run();
  }

  hold(): void {
    this.held = true;
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    this.run();
  }

  isHeld(): boolean {
    return this.held;
  }

  /** Bytes received but not yet handed to the sink (bounded: the socket is paused while held). */
  queuedBytes(): number {
    let n = -this.offset;
    for (const b of this.queue) n += b.length;
    return Math.max(n, 0);
  }

  /** True while a PDU has started arriving and is not complete. */
  inPdu(): boolean {
    return this.state !== State.PduHeader || this.headerFill > 0;
  }

  /** True between PDUs: a close of the connection here loses no partial PDU. */
  atBoundary(): boolean {
    return this.state === State.PduHeader && this.headerFill === 0 && this.queuedBytes() === 0;
  }

  private run(): void {
    try {
      while (!this.held && !this.failed && this.queue.length > 0) {
        const chunk = this.queue[0];
        this.offset = this.step(chunk, this.offset);
        if (this.offset >= chunk.length) {
          this.queue.shift();
          this.offset = 0;
        }
      }
    } catch (err) {
      this.failed = true;
      this.queue = [];
      const pe = err instanceof ProtocolError ? err : new ProtocolError(String((err as Error)?.message ?? err), AbortReason.NotSpecified);
      this.onError(pe);
    }
  }

  /** Consumes from chunk at off until the chunk is done or the sink holds the reader. */
  private step(chunk: Buffer, off: number): number {
    while (off < chunk.length && !this.held) {
      switch (this.state) {
        case State.PduHeader: {
          const n = Math.min(PDU_HEADER_LENGTH - this.headerFill, chunk.length - off);
          chunk.copy(this.header, this.headerFill, off, off + n);
          this.headerFill += n;
          off += n;
          if (this.headerFill === PDU_HEADER_LENGTH) this.startPdu();
          break;
        }
        case State.PdvHeader: {
          const n = Math.min(PDV_HEADER_LENGTH - this.headerFill, chunk.length - off);
          chunk.copy(this.header, this.headerFill, off, off + n);
          this.headerFill += n;
          off += n;
          if (this.headerFill === PDV_HEADER_LENGTH) this.startPdv();
          break;
        }
        case State.PdvData: {
          const n = Math.min(this.pdvRemaining, chunk.length - off);
          if (n > 0) {
            this.pdvRemaining -= n;
            this.pduRemaining -= n;
            const slice = chunk.subarray(off, off + n);
            off += n;
            this.sink.onPdvData(slice);
          }
          if (this.pdvRemaining === 0) this.endPdv();
          break;
        }
        case State.Body: {
          const n = Math.min(this.body.length - this.bodyFill, chunk.length - off);
          chunk.copy(this.body, this.bodyFill, off, off + n);
          this.bodyFill += n;
          off += n;
          if (this.bodyFill === this.body.length) this.endBody();
          break;
        }
      }
    }
    return off;
  }

  private startPdu(): void {
    this.headerFill = 0;
    const type = this.header[0];
    const length = this.header.readUInt32BE(2);
    this.pduType = type;
    if (type === PduType.PData) {
      if (length > this.limits.maxPDataLength) {
        throw new ProtocolError(`P-DATA-TF of ${length} bytes exceeds the announced maximum`, AbortReason.InvalidPduParameterValue);
      }
      if (length < 6) throw new ProtocolError('P-DATA-TF without a complete PDV item', AbortReason.InvalidPduParameterValue);
      this.pduRemaining = length;
      this.state = State.PdvHeader;
      return;
    }
    if (type < PduType.AssociateRq || type > PduType.Abort) {
      throw new ProtocolError(`unknown PDU type 0x${type.toString(16)}`, AbortReason.UnrecognizedPdu);
    }
    if (length > this.limits.maxOtherLength) throw new ProtocolError(`PDU type ${type} of ${length} bytes is too long`);
    this.body = Buffer.allocUnsafe(length);
    this.bodyFill = 0;
    this.state = State.Body;
    if (length === 0) this.endBody();
  }

  private startPdv(): void {
    this.headerFill = 0;
    const itemLength = this.header.readUInt32BE(0);
    if (itemLength < 2 || itemLength + 4 > this.pduRemaining) {
      throw new ProtocolError(`PDV item length ${itemLength} does not fit its PDU`, AbortReason.InvalidPduParameterValue);
    }
    this.pduRemaining -= 6;
    this.pdvRemaining = itemLength - 2;
    const control = this.header[5];
    this.state = State.PdvData;
    this.sink.onPdvStart(this.header[4], (control & 1) === 1, (control & 2) === 2, this.pdvRemaining);
    if (this.pdvRemaining === 0) this.endPdv();
  }

  private endPdv(): void {
    this.state = this.pduRemaining === 0 ? State.PduHeader : State.PdvHeader;
    if (this.state === State.PduHeader) this.completedPdus++;
    if (this.state === State.PdvHeader && this.pduRemaining < 6) {
      throw new ProtocolError('trailing bytes in P-DATA-TF', AbortReason.InvalidPduParameterValue);
    }
    this.sink.onPdvEnd();
  }

  private endBody(): void {
    const body = this.body;
    this.body = Buffer.alloc(0);
    this.state = State.PduHeader;
    this.completedPdus++;
    this.sink.onPdu(this.pduType, body);
  }
}
