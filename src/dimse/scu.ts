// The requesting side: one association to a remote SCP, with operations run one at a time in call order
// (no asynchronous operations window), datasets streamed out in fragments of the peer's maximum PDU.
import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { encodeAssociateRq, parseAssociateAc, parseAssociateRj } from './associate-pdu.js';
import { CommandField, DATASET_PRESENT, NO_DATASET, isPending, type Command } from './command.js';
import { encodeReleaseRp, encodeReleaseRq } from './pdu-encode.js';
import { AbortSource, PduType, ProtocolError, describeAbort, describeReject } from './pdu-types.js';
import { UpperLayer } from './upper-layer.js';
import { APPLICATION_CONTEXT_NAME, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, SopClass } from './uids.js';
import type { ScuAssociation, ScuOptions, StoreResult } from './types.js';

export class DimseRejectedError extends Error {
  constructor(readonly result: number, readonly source: number, readonly reason: number) {
    super(describeReject(result, source, reason));
    this.name = 'DimseRejectedError';
  }
}

type State = 'connecting' | 'requesting' | 'established' | 'releasing' | 'closed';

/** A response being awaited: every response message (command plus its dataset, if any) goes here. */
interface Waiter {
  messageId: number;
  onResponse(command: Command, dataset: Buffer | undefined): boolean; // true when the exchange is complete
  reject(err: Error): void;
}

interface Accepted { id: number; abstractSyntax: string; transferSyntax: string }

const DEFAULT_MAX_PDU = 131072;

class Scu implements ScuAssociation {
  private state: State = 'connecting';
  private ul!: UpperLayer;
  private accepted: Accepted[] = [];
  private waiter: Waiter | undefined;
  private responseCommand: Command | undefined;
  private responseParts: Buffer[] = [];
  private nextMessageId = 1;
  private chain: Promise<unknown> = Promise.resolve();
  private failure: Error | undefined;
  private established!: { resolve(): void; reject(err: Error): void };
  private released: { resolve(): void; reject(err: Error): void } | undefined;
  private proposed = new Map<number, string>();

  constructor(private readonly options: ScuOptions) {}

  open(): Promise<ScuAssociation> {
    const { host, port } = this.options;
    const timeoutMs = this.options.connectTimeoutMs ?? 10_000;
    return new Promise<ScuAssociation>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new Error(`association with ${host}:${port} timed out after ${timeoutMs} ms`));
        socket.destroy();
      }, timeoutMs);
      this.established = {
        resolve: () => { clearTimeout(timer); resolve(this); },
        reject: (err) => { clearTimeout(timer); reject(err); },
      };
      const socket: Socket = connect({ host, port });
      socket.once('error', (err: NodeJS.ErrnoException) => {
        if (this.state === 'connecting') {
          const why = err.code === 'ECONNREFUSED' ? 'connection refused' : err.message;
          this.fail(new Error(`cannot connect to ${host}:${port}: ${why}`, { cause: err }));
        }
      });
      socket.once('connect', () => this.onConnected(socket));
    });
  }

  private onConnected(socket: Socket): void {
    if (this.state !== 'connecting') return void socket.destroy();
    this.state = 'requesting';
    const idle = this.options.idleTimeoutMs ?? 60_000;
    this.ul = new UpperLayer(
      socket,
      { maxPduLength: this.options.maxPduLength ?? DEFAULT_MAX_PDU, idleTimeoutMs: idle, artimTimeoutMs: this.options.connectTimeoutMs ?? 10_000 },
      {
        onCommand: (_id, command, follows) => this.onCommand(command, follows),
        onDatasetData: (slice) => { if (this.responseCommand) this.responseParts.push(Buffer.from(slice)); },
        onDatasetEnd: () => this.deliver(),
        onOtherPdu: (type, body) => this.onPdu(type, body),
        onProtocolError: (err) => this.abortWith(err, AbortSource.ServiceProvider, err.abortReason),
        onClosed: () => this.onClosed(),
        onIdle: () => this.onIdle(),
        onArtimExpired: () => this.onArtim(),
        isBusy: () => false,
      },
    );
    const contexts = this.options.contexts.map((c, i) => ({ id: i * 2 + 1, abstractSyntax: c.abstractSyntax, transferSyntaxes: c.transferSyntaxes }));
    if (contexts.length > 128) return this.abortWith(new Error('more than 128 presentation contexts proposed'));
    for (const c of contexts) this.proposed.set(c.id, c.abstractSyntax);
    this.ul.write(encodeAssociateRq({
      calledAet: this.options.calledAet,
      callingAet: this.options.callingAet,
      applicationContext: APPLICATION_CONTEXT_NAME,
      contexts,
      userInfo: {
        maxLength: this.options.maxPduLength ?? DEFAULT_MAX_PDU,
        implementationClassUid: IMPLEMENTATION_CLASS_UID,
        implementationVersionName: IMPLEMENTATION_VERSION_NAME,
        roles: [],
      },
    })).catch(() => {});
  }

  private onPdu(type: number, body: Buffer): void {
    if (type === PduType.AssociateAc && this.state === 'requesting') {
      const ac = parseAssociateAc(body);
      this.ul.peerMaxPduLength = ac.userInfo.maxLength;
      this.accepted = ac.contexts
        .filter((c) => c.result === 0 && this.proposed.has(c.id))
        .map((c) => ({ id: c.id, abstractSyntax: this.proposed.get(c.id)!, transferSyntax: c.transferSyntax }));
      this.state = 'established';
      this.ul.startIdle();
      this.established.resolve();
      return;
    }
    if (type === PduType.AssociateRj && this.state === 'requesting') {
      const rj = parseAssociateRj(body);
      this.fail(new DimseRejectedError(rj.result, rj.source, rj.reason));
      this.ul.destroy();
      return;
    }
    if (type === PduType.ReleaseRp && this.state === 'releasing') {
      this.state = 'closed';
      this.ul.stopArtim();
      this.ul.socket.end();
      this.released?.resolve();
      return;
    }
    if (type === PduType.ReleaseRq && (this.state === 'established' || this.state === 'releasing')) {
      // The peer asks to release (or both asked at once: as requestor we answer first, then await its reply).
      this.ul.write(encodeReleaseRp()).catch(() => {});
      if (this.state === 'established') {
        this.fail(new Error('the peer released the association'));
        this.ul.socket.end();
      }
      return;
    }
    if (type === PduType.Abort) {
      this.fail(new Error(describeAbort(body[2] ?? 0, body[3] ?? 0)));
      this.ul.destroy();
      return;
    }
    throw new ProtocolError(`unexpected PDU type ${type} in state ${this.state}`, 2);
  }

  private onCommand(command: Command, follows: boolean): void {
    if (this.state !== 'established' && this.state !== 'releasing') throw new ProtocolError('P-DATA-TF outside an association', 2);
    this.responseCommand = command;
    this.responseParts = [];
    if (!follows) this.deliver();
  }

  private deliver(): void {
    const command = this.responseCommand;
    if (!command) return;
    const dataset = this.responseCommand && this.responseParts.length ? Buffer.concat(this.responseParts) : undefined;
    this.responseCommand = undefined;
    this.responseParts = [];
    const waiter = this.waiter;
    if (!waiter || command.messageIdBeingRespondedTo !== waiter.messageId) {
      throw new ProtocolError(`unexpected response to message ${command.messageIdBeingRespondedTo}`, 2);
    }
    if (waiter.onResponse(command, dataset)) this.waiter = undefined;
  }

  private onIdle(): void {
    if (this.waiter) this.abortWith(new Error(`no response within ${this.options.idleTimeoutMs ?? 60_000} ms`));
    else if (this.state === 'established') this.release().catch(() => {});
  }

  private onArtim(): void {
    this.fail(new Error(this.state === 'releasing' ? 'no A-RELEASE-RP in time' : 'ARTIM timer expired'));
    this.ul.destroy();
  }

  private onClosed(): void {
    if (this.state === 'closed' && !this.failure) return;
    this.fail(new Error('the connection closed unexpectedly'));
  }

  private fail(err: Error): void {
    if (this.failure) return;
    const wasReleasing = this.state === 'releasing';
    this.failure = err;
    this.state = 'closed';
    this.established?.reject(err);
    this.waiter?.reject(err);
    this.waiter = undefined;
    if (wasReleasing) this.released?.reject(err);
  }

  private abortWith(err: Error, source: number = AbortSource.ServiceUser, reason = 0): void {
    this.fail(err);
    this.ul?.abort(source, reason);
  }

  /** Runs operations strictly one after the other; each waits for the previous one's outcome. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.chain.then(() => {
      if (this.failure) throw this.failure;
      if (this.state !== 'established') throw new Error('association is not established');
      return op();
    });
    this.chain = run.catch(() => {});
    return run;
  }

  private exchange(contextId: number, request: Command, sendDataset: (() => Promise<void>) | undefined, onResponse: Waiter['onResponse']): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let sent = !sendDataset;
      let answered = false;
      const finish = () => { if (sent && answered) resolve(); };
      this.waiter = {
        messageId: request.messageId!,
        onResponse: (command, dataset) => {
          if (!onResponse(command, dataset)) return false;
          answered = true;
          finish();
          return true;
        },
        reject,
      };
      const send = async () => {
        await this.ul.sendCommand(contextId, request);
        if (sendDataset) await sendDataset();
        sent = true;
        finish();
      };
      send().catch((err: Error) => {
        this.abortWith(new Error(`sending failed: ${err.message}`, { cause: err }));
        reject(err);
      });
    });
  }

  private messageId(): number {
    const id = this.nextMessageId;
    this.nextMessageId = (this.nextMessageId % 0xffff) + 1;
    return id;
  }

  acceptedContexts(): Accepted[] {
    return this.accepted.map((c) => ({ ...c }));
  }

  contextFor(abstractSyntax: string, transferSyntax?: string): { id: number; transferSyntax: string } | undefined {
    const matches = this.accepted.filter((c) => c.abstractSyntax === abstractSyntax);
    const best = matches.find((c) => c.transferSyntax === transferSyntax) ?? matches[0];
    return best && { id: best.id, transferSyntax: best.transferSyntax };
  }

  echo(): Promise<number> {
    return this.serial(async () => {
      const ctx = this.contextFor(SopClass.Verification);
      if (!ctx) throw new Error('Verification was not accepted on this association');
      let status = -1;
      const messageId = this.messageId();
      await this.exchange(ctx.id, { commandField: CommandField.CEchoRq, commandDataSetType: NO_DATASET, messageId, affectedSopClassUid: SopClass.Verification }, undefined, (rsp) => {
        status = rsp.status ?? -1;
        return true;
      });
      return status;
    });
  }

  store(request: { contextId: number; sopClassUid: string; sopInstanceUid: string; dataset: Readable | Buffer; priority?: number }): Promise<StoreResult> {
    return this.serial(async () => {
      this.requireContext(request.contextId);
      let result: StoreResult = { status: -1 };
      const command: Command = {
        commandField: CommandField.CStoreRq,
        commandDataSetType: DATASET_PRESENT,
        messageId: this.messageId(),
        priority: request.priority ?? 0,
        affectedSopClassUid: request.sopClassUid,
        affectedSopInstanceUid: request.sopInstanceUid,
      };
      const data = request.dataset;
      const sendDataset = Buffer.isBuffer(data)
        ? () => this.ul.sendFragments(request.contextId, false, data)
        : () => this.ul.sendDatasetStream(request.contextId, data instanceof Readable ? data : Readable.from(data));
      await this.exchange(request.contextId, command, sendDataset, (rsp) => {
        result = rsp.errorComment ? { status: rsp.status ?? -1, errorComment: rsp.errorComment } : { status: rsp.status ?? -1 };
        return true;
      });
      return result;
    });
  }

  find(request: { contextId: number; sopClassUid: string; identifier: Buffer }): Promise<{ status: number; matches: Buffer[] }> {
    return this.serial(async () => {
      this.requireContext(request.contextId);
      const matches: Buffer[] = [];
      let status = -1;
      const command: Command = {
        commandField: CommandField.CFindRq,
        commandDataSetType: DATASET_PRESENT,
        messageId: this.messageId(),
        priority: 0,
        affectedSopClassUid: request.sopClassUid,
      };
      await this.exchange(request.contextId, command, () => this.ul.sendFragments(request.contextId, false, request.identifier), (rsp, dataset) => {
        status = rsp.status ?? -1;
        if (isPending(status)) {
          if (dataset) matches.push(dataset);
          return false;
        }
        return true;
      });
      return { status, matches };
    });
  }

  private requireContext(id: number): void {
    if (!this.accepted.some((c) => c.id === id)) throw new Error(`presentation context ${id} was not accepted`);
  }

  release(): Promise<void> {
    const run = this.chain.then(
      () =>
        new Promise<void>((resolve, reject) => {
          if (this.state !== 'established') return resolve();
          this.state = 'releasing';
          this.released = { resolve, reject };
          this.ul.stopIdle();
          this.ul.startArtim();
          this.ul.write(encodeReleaseRq()).catch(() => {});
        }),
    );
    this.chain = run.catch(() => {});
    return run;
  }

  abort(): void {
    if (this.state === 'closed') return;
    this.abortWith(new Error('association aborted by the caller'));
  }
}

export function associate(options: ScuOptions): Promise<ScuAssociation> {
  return new Scu(options).open();
}
