// Transport side of one association, shared by both roles: socket, PDU reader, flow control, the ARTIM
// and idle timers, sending framed messages and aborting. Role logic (what a PDU means now) lives in the
// SCP and SCU classes that own an UpperLayer.
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { encodeCommand, type Command } from './command.js';
import { MessageAssembler, type MessageSink } from './message-assembler.js';
import { encodeAbort, pDataHeader } from './pdu-encode.js';
import { PduReader } from './pdu-reader.js';
import { AbortSource, PDV_HEADER_LENGTH, type ProtocolError } from './pdu-types.js';
import { SenderWatchdog, type WatchdogOptions } from './sender-watchdog.js';

export interface UpperLayerEvents extends MessageSink {
  onProtocolError(error: ProtocolError): void;
  /** Called once when the connection is gone, whatever the cause. */
  onClosed(hadError: boolean): void;
  onIdle(): void;
  onArtimExpired(): void;
  /** While busy (a local handler is working) the idle timer does not count against the peer. */
  isBusy(): boolean;
  /** The peer sends too slowly (see sender-watchdog); the association should be aborted. */
  onTooSlow?(reason: string): void;
}

export interface UpperLayerOptions {
  /** Our announced maximum P-DATA-TF length (0 = unlimited). */
  maxPduLength: number;
  idleTimeoutMs: number;
  artimTimeoutMs: number;
  /** Per-PDU deadline and minimum rate for the peer; off when absent. */
  watchdog?: WatchdogOptions;
}

/** Peers sometimes exceed the announced maximum slightly (header accounting differences); tolerate it. */
const PDU_LENGTH_MARGIN = 1024;
const UNLIMITED_PDATA = 64 * 1024 * 1024;
const MAX_OTHER_PDU = 1024 * 1024;
/** What we send when the peer announced "unlimited": large enough to amortise headers, small enough to interleave. */
const DEFAULT_SEND_PDU = 256 * 1024;
/** Fragments up to this size are copied behind their header and written once. */
const SMALL_FRAGMENT = 4096;

export class UpperLayer {
  readonly reader: PduReader;
  readonly assembler: MessageAssembler;
  /** The peer's announced maximum P-DATA-TF length; 0 until negotiated. */
  peerMaxPduLength = 0;
  private pauseReasons = new Set<string>();
  private artim: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;
  private closed = false;
  private lastActivity = Date.now();
  private readonly watchdog: SenderWatchdog | undefined;

  constructor(
    readonly socket: Socket,
    private readonly options: UpperLayerOptions,
    private readonly events: UpperLayerEvents,
  ) {
    socket.setNoDelay(true);
    this.assembler = new MessageAssembler(events);
    const maxPData = options.maxPduLength > 0 ? options.maxPduLength + PDU_LENGTH_MARGIN : UNLIMITED_PDATA;
    this.reader = new PduReader(this.assembler, { maxPDataLength: maxPData, maxOtherLength: MAX_OTHER_PDU }, (err) =>
      events.onProtocolError(err),
    );
    this.watchdog = options.watchdog
      ? new SenderWatchdog(options.watchdog, {
          inPdu: () => this.reader.inPdu(),
          completedPdus: () => this.reader.completedPdus,
          inMessage: () => this.assembler.inMessage(),
          holdingBack: () => this.isPaused() || this.reader.isHeld() || events.isBusy(),
          onTooSlow: (reason) => events.onTooSlow?.(reason),
        })
      : undefined;
    socket.on('data', (chunk: Buffer) => {
      this.lastActivity = Date.now();
      this.reader.push(chunk);
      this.watchdog?.received(chunk.length);
    });
    socket.on('error', () => {
      // 'close' follows with hadError; the cause is reported there.
    });
    socket.on('close', (hadError) => {
      this.closed = true;
      this.stopArtim();
      this.stopIdle();
      this.watchdog?.stop();
      events.onClosed(hadError);
    });
  }

  isClosed(): boolean {
    return this.closed || this.socket.destroyed;
  }

  pause(reason: string): void {
    this.pauseReasons.add(reason);
    this.socket.pause();
  }

  isPaused(): boolean {
    return this.pauseReasons.size > 0;
  }

  resume(reason: string): void {
    if (!this.pauseReasons.delete(reason)) return;
    if (this.pauseReasons.size === 0 && !this.closed) this.socket.resume();
  }

  /** Stops handing out messages (and reading) until unhold(). */
  hold(reason: string): void {
    this.reader.hold();
    this.pause(reason);
  }

  unhold(reason: string): void {
    this.resume(reason);
    this.reader.release();
  }

  startArtim(): void {
    this.stopArtim();
    this.artim = setTimeout(() => this.events.onArtimExpired(), this.options.artimTimeoutMs);
    this.artim.unref();
  }

  stopArtim(): void {
    if (this.artim) clearTimeout(this.artim);
    this.artim = undefined;
  }

  startIdle(): void {
    if (this.options.idleTimeoutMs <= 0 || this.closed) return;
    this.stopIdle();
    const check = () => {
      const quiet = Date.now() - this.lastActivity;
      if (this.events.isBusy() || quiet < this.options.idleTimeoutMs) {
        const wait = this.events.isBusy() ? this.options.idleTimeoutMs : this.options.idleTimeoutMs - quiet;
        this.idle = setTimeout(check, Math.max(wait, 10));
        this.idle.unref();
        return;
      }
      this.events.onIdle();
    };
    this.idle = setTimeout(check, this.options.idleTimeoutMs);
    this.idle.unref();
  }

  stopIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  /** Writes and resolves once the socket accepted the bytes into its buffer below the high-water mark. */
  write(bytes: Buffer): Promise<void> {
    if (this.isClosed()) return Promise.reject(new Error('association is closed'));
    this.lastActivity = Date.now();
    if (this.socket.write(bytes)) return Promise.resolve();
    return this.drained();
  }

  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onDrain = () => { cleanup(); resolve(); };
      const onClose = () => { cleanup(); reject(new Error('association closed while sending')); };
      const cleanup = () => {
        this.socket.off('drain', onDrain);
        this.socket.off('close', onClose);
      };
      this.socket.on('drain', onDrain);
      this.socket.on('close', onClose);
    });
  }

  /** Largest PDV fragment the peer accepts in one P-DATA-TF (kept even, as most toolkits expect). */
  fragmentSize(): number {
    const max = this.peerMaxPduLength > 0 ? this.peerMaxPduLength : DEFAULT_SEND_PDU;
    return Math.max((max - PDV_HEADER_LENGTH) & ~1, 2);
  }

  async sendCommand(contextId: number, command: Command): Promise<void> {
    const bytes = encodeCommand(command);
    await this.sendFragments(contextId, true, bytes);
  }

  /** Sends a buffer as one or more PDVs, one per P-DATA-TF. */
  async sendFragments(contextId: number, command: boolean, bytes: Buffer): Promise<void> {
    const size = this.fragmentSize();
    let off = 0;
    do {
      const end = Math.min(off + size, bytes.length);
      const last = end === bytes.length;
      const header = pDataHeader(contextId, command, last, end - off);
      let ok: boolean;
      if (end - off <= SMALL_FRAGMENT) {
        // A response command (~150 bytes): one buffer, one write; cork and two writes cost more in Node's
        // stream machinery than the copy (the answer of every C-STORE goes this way).
        ok = this.socket.write(Buffer.concat([header, bytes.subarray(off, end)]));
      } else {
        this.socket.cork();
        this.socket.write(header);
        ok = this.socket.write(bytes.subarray(off, end));
        this.socket.uncork();
      }
      this.lastActivity = Date.now();
      if (!ok) await this.drained();
      if (this.isClosed()) throw new Error('association closed while sending');
      off = end;
    } while (off < bytes.length);
  }

  /**
   * Streams a dataset. The final fragment must carry the "last" flag, which is only known at the end of the
   * stream, so one full fragment is kept back until more data or the end arrives.
   */
  async sendDatasetStream(contextId: number, source: Readable): Promise<void> {
    const size = this.fragmentSize();
    let fragment = Buffer.allocUnsafe(size);
    let fill = 0;
    let full: Buffer | undefined;
    const flush = async (data: Buffer, last: boolean) => {
      this.socket.cork();
      this.socket.write(pDataHeader(contextId, false, last, data.length));
      const ok = this.socket.write(data);
      this.socket.uncork();
      this.lastActivity = Date.now();
      if (!ok) await this.drained();
      if (this.isClosed()) throw new Error('association closed while sending');
    };
    for await (const chunk of source) {
      const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      let off = 0;
      while (off < buf.length) {
        if (fill === size) {
          if (full) await flush(full, false);
          full = fragment;
          fragment = Buffer.allocUnsafe(size);
          fill = 0;
        }
        const n = Math.min(size - fill, buf.length - off);
        buf.copy(fragment, fill, off, off + n);
        fill += n;
        off += n;
      }
    }
    if (fill > 0) {
      if (full) await flush(full, false);
      await flush(fragment.subarray(0, fill), true);
    } else {
      await flush(full ?? Buffer.alloc(0), true);
    }
  }

  /** Sends A-ABORT and drops the connection; the peer has no answer to give. */
  abort(source: number = AbortSource.ServiceProvider, reason = 0): void {
    if (this.isClosed()) return;
    this.stopArtim();
    this.stopIdle();
    this.watchdog?.stop();
    this.socket.end(encodeAbort(source, reason));
    // A peer that never closes its side must not keep the slot.
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  /** Closes our side after a final PDU (release reply, rejection) and waits for the peer to close. */
  endAfter(bytes: Buffer): void {
    if (this.isClosed()) return;
    this.socket.end(bytes);
    this.startArtim();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
