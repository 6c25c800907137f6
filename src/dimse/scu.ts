// The requesting side: one association to a remote SCP, with operations run one at a time in call order
// (no asynchronous operations window), datasets streamed out in fragments of the peer's maximum PDU.
import { connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { encodeAssociateRq, parseAssociateAc, parseAssociateRj } from './associate-pdu.js';
import { CommandField, DATASET_PRESENT, NO_DATASET, Status, isPending, type Command } from './command.js';
import { InboundDataset } from './inbound-dataset.js';
import { encodeReleaseRp, encodeReleaseRq } from './pdu-encode.js';
import { AbortSource, PduType, ProtocolError, describeAbort, describeReject } from './pdu-types.js';
import { UpperLayer } from './upper-layer.js';
import { APPLICATION_CONTEXT_NAME, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, SopClass } from './uids.js';
import type { GetRequest, GetResult, IncomingStore, ScuAssociation, ScuOptions, StoreResult } from './types.js';

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

/** A C-STORE sub-operation the peer sends us during a C-GET (we act as storage SCP on this association). */
interface Incoming {
  contextId: number;
  command: Command;
  dataset: InboundDataset;
  datasetDone: boolean;
  result?: StoreResult;
}

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
  private storeHandler: ((store: IncomingStore) => Promise<StoreResult>) | undefined;
  private incoming: Incoming | undefined;

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
        onCommand: (id, command, follows) => this.onCommand(id, command, follows),
        onDatasetData: (slice) => this.onDatasetData(slice),
        onDatasetEnd: () => this.onDatasetEnd(),
        onOtherPdu: (type, body) => this.onPdu(type, body),
        onProtocolError: (err) => this.abortWith(err, AbortSource.ServiceProvider, err.abortReason),
        onClosed: () => this.onClosed(),
        onIdle: () => this.onIdle(),
        onArtimExpired: () => this.onArtim(),
        isBusy: () => this.incoming !== undefined,
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
        roles: this.options.roles ?? [],
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

  private onCommand(contextId: number, command: Command, follows: boolean): void {
    if (this.state !== 'established' && this.state !== 'releasing') throw new ProtocolError('P-DATA-TF outside an association', 2);
    if (command.commandField === CommandField.CStoreRq) return this.startIncomingStore(contextId, command, follows);
    this.responseCommand = command;
    this.responseParts = [];
    if (!follows) this.deliver();
  }

  private onDatasetData(slice: Buffer): void {
    const incoming = this.incoming;
    if (incoming) {
      if (!incoming.dataset.offer(slice)) this.ul.pause('consumer');
    } else if (this.responseCommand) {
      this.responseParts.push(Buffer.from(slice));
    }
  }

  private onDatasetEnd(): void {
    const incoming = this.incoming;
    if (!incoming) return this.deliver();
    incoming.datasetDone = true;
    incoming.dataset.finish();
    if (incoming.result) this.answerIncoming(incoming);
    // Nothing more is read until the handler has decided: the peer waits for our answer anyway.
    else this.ul.hold('handler');
  }

  /** A C-STORE-RQ on our association: only a running C-GET expects one; its handler gets the dataset as a stream. */
  private startIncomingStore(contextId: number, command: Command, follows: boolean): void {
    if (!this.accepted.some((c) => c.id === contextId)) throw new ProtocolError(`C-STORE on presentation context ${contextId}, which was not accepted`, 2);
    const dataset = new InboundDataset(() => this.ul.resume('consumer'));
    const incoming: Incoming = { contextId, command, dataset, datasetDone: !follows };
    this.incoming = incoming;
    const handler = this.storeHandler;
    const transferSyntaxUid = this.accepted.find((c) => c.id === contextId)!.transferSyntax;
    let pending: Promise<StoreResult>;
    if (!handler) {
      dataset.resume();
      pending = Promise.resolve({ status: Status.NotAuthorized, errorComment: 'no retrieval is running' });
    } else {
      try {
        pending = handler({ sopClassUid: command.affectedSopClassUid ?? '', sopInstanceUid: command.affectedSopInstanceUid ?? '', transferSyntaxUid, dataset });
      } catch (err) {
        pending = Promise.reject(err);
      }
    }
    if (!follows) dataset.finish();
    pending.then(
      (result) => this.incomingSettled(incoming, result),
      (err: unknown) => this.incomingSettled(incoming, { status: Status.OutOfResources, errorComment: (err as Error)?.message ?? String(err) }),
    );
  }

  private incomingSettled(incoming: Incoming, result: StoreResult): void {
    incoming.result = result;
    if (this.incoming !== incoming || this.failure) return;
    if (incoming.datasetDone) return this.answerIncoming(incoming);
    // Answered before the dataset ended: the rest is read and dropped, then answered.
    if (!incoming.dataset.destroyed) incoming.dataset.destroy();
    this.ul.resume('consumer');
  }

  private answerIncoming(incoming: Incoming): void {
    const c = incoming.command;
    const result = incoming.result!;
    this.incoming = undefined;
    const rsp: Command = {
      commandField: CommandField.CStoreRsp,
      commandDataSetType: NO_DATASET,
      messageIdBeingRespondedTo: c.messageId ?? 0,
      affectedSopClassUid: c.affectedSopClassUid,
      affectedSopInstanceUid: c.affectedSopInstanceUid,
      status: result.status,
      ...(result.errorComment ? { errorComment: result.errorComment } : {}),
    };
    this.ul.sendCommand(incoming.contextId, rsp).then(
      () => this.ul.unhold('handler'),
      (err: Error) => this.abortWith(new Error(`sending C-STORE-RSP failed: ${err.message}`, { cause: err })),
    );
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
    this.incoming?.dataset.destroy(err);
    this.incoming = undefined;
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

  get(request: GetRequest): Promise<GetResult> {
    return this.serial(async () => {
      this.requireContext(request.contextId);
      const result: GetResult = { status: -1, completed: 0, failed: 0, warning: 0 };
      const command: Command = {
        commandField: CommandField.CGetRq,
        commandDataSetType: DATASET_PRESENT,
        messageId: this.messageId(),
        priority: 0,
        affectedSopClassUid: request.sopClassUid,
      };
      this.storeHandler = request.onStore;
      try {
        await this.exchange(request.contextId, command, () => this.ul.sendFragments(request.contextId, false, request.identifier), (rsp) => {
          result.status = rsp.status ?? -1;
          result.completed = rsp.completedSubOperations ?? result.completed;
          result.failed = rsp.failedSubOperations ?? result.failed;
          result.warning = rsp.warningSubOperations ?? result.warning;
          if (rsp.errorComment) result.errorComment = rsp.errorComment;
          return !isPending(result.status);
        });
      } finally {
        this.storeHandler = undefined;
      }
      return result;
    });
  }

  move(request: { contextId: number; sopClassUid: string; identifier: Buffer; destination: string }): Promise<GetResult> {
    return this.serial(async () => {
      this.requireContext(request.contextId);
      const result: GetResult = { status: -1, completed: 0, failed: 0, warning: 0 };
      const command: Command = {
        commandField: CommandField.CMoveRq,
        commandDataSetType: DATASET_PRESENT,
        messageId: this.messageId(),
        priority: 0,
        affectedSopClassUid: request.sopClassUid,
        moveDestination: request.destination,
      };
      await this.exchange(request.contextId, command, () => this.ul.sendFragments(request.contextId, false, request.identifier), (rsp) => {
        result.status = rsp.status ?? -1;
        result.completed = rsp.completedSubOperations ?? result.completed;
        result.failed = rsp.failedSubOperations ?? result.failed;
        result.warning = rsp.warningSubOperations ?? result.warning;
        if (rsp.errorComment) result.errorComment = rsp.errorComment;
        return !isPending(result.status);
      });
      return result;
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
