// One accepted connection on the SCP side: negotiation, then C-ECHO / C-STORE one message at a time
// (no asynchronous operations window), release and abort.
import type { Socket } from 'node:net';
import { parseAssociateRq, encodeAssociateAc, encodeAssociateRj, type AnsweredContext, type AssociateRq, type RoleSelection } from './associate-pdu.js';
import { CommandField, DATASET_PRESENT, NO_DATASET, Status, type Command } from './command.js';
import { encodeReleaseRp } from './pdu-encode.js';
import { AbortReason, AbortSource, PduType, ProtocolError, describeAbort } from './pdu-types.js';
import { InboundDataset } from './inbound-dataset.js';
import { UpperLayer } from './upper-layer.js';
import { APPLICATION_CONTEXT_NAME, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, SopClass, TransferSyntax } from './uids.js';
import type { AssociateDecision, AssociationInfo, DimseServerOptions, Logger, StoreResult } from './types.js';
import { storeFailure } from './store-status.js';

const MAX_IDENTIFIER = 1024 * 1024;

type State = 'awaiting-rq' | 'negotiating' | 'established' | 'closing' | 'closed';

/** A message being received or answered: the reader is held between its end and its response. */
interface Operation {
  command: Command;
  contextId: number;
  dataset?: InboundDataset;
  /** C-FIND identifiers are small and collected whole. */
  identifier?: Buffer[];
  transferSyntax: string;
  datasetDone: boolean;
  result?: StoreResult;
}

export interface ScpAssociationContext {
  options: DimseServerOptions;
  logger: Logger;
  id: string;
  /** Set when this connection is over an association limit (in all, or for its address): answered with a transient rejection. */
  overLimit: false | 'too many associations' | 'too many associations from this address';
  onClosed(): void;
}

export class ScpAssociation {
  private readonly ul: UpperLayer;
  private state: State = 'awaiting-rq';
  private readonly info: AssociationInfo;
  private contexts = new Map<number, { abstractSyntax: string; transferSyntax: string }>();
  private op: Operation | undefined;
  private failure: Error | undefined;

  constructor(socket: Socket, private readonly ctx: ScpAssociationContext) {
    const { options } = ctx;
    this.info = {
      id: ctx.id,
      callingAet: '',
      calledAet: '',
      remoteAddress: (socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      remotePort: socket.remotePort ?? 0,
    };
    this.ul = new UpperLayer(
      socket,
      {
        maxPduLength: options.maxPduLength,
        idleTimeoutMs: options.idleTimeoutMs,
        artimTimeoutMs: options.artimTimeoutMs ?? 30_000,
        watchdog: options.pduTimeoutMs
          ? { pduTimeoutMs: options.pduTimeoutMs, minBytesPerSecond: options.minBytesPerSecond ?? 0, rateWindowMs: options.minBytesPerSecond ? (options.rateWindowMs ?? 20_000) : 0 }
          : undefined,
      },
      {
        onCommand: (id, command, follows) => this.onCommand(id, command, follows),
        onDatasetData: (slice) => this.onDatasetData(slice),
        onDatasetEnd: () => this.onDatasetEnd(),
        onOtherPdu: (type, body) => this.onPdu(type, body),
        onProtocolError: (err) => this.abort(err, err.abortReason),
        onClosed: (hadError) => this.onClosed(hadError),
        onIdle: () => this.abort(new Error(`association idle for ${options.idleTimeoutMs} ms`), AbortReason.NotSpecified),
        onArtimExpired: () => this.onArtim(),
        onTooSlow: (reason) => this.abort(new Error(`slow sender: ${reason}`), AbortReason.NotSpecified),
        isBusy: () => this.op !== undefined && (this.op.datasetDone || this.ul.isPaused()),
      },
    );
    this.ul.startArtim();
  }

  /** Server shutdown: drop the association, losing any message in flight. */
  shutdown(): void {
    this.abort(new Error('server is shutting down'), AbortReason.NotSpecified);
  }

  private get log(): Logger {
    return this.ctx.logger;
  }

  private onPdu(type: number, body: Buffer): void {
    switch (type) {
      case PduType.AssociateRq:
        if (this.state !== 'awaiting-rq') throw new ProtocolError('unexpected A-ASSOCIATE-RQ', AbortReason.UnexpectedPdu);
        this.ul.stopArtim();
        this.negotiate(parseAssociateRq(body));
        return;
      case PduType.ReleaseRq:
        if (this.state !== 'established') throw new ProtocolError('unexpected A-RELEASE-RQ', AbortReason.UnexpectedPdu);
        if (this.op || this.ul.assembler.inMessage()) throw new ProtocolError('A-RELEASE-RQ inside a message', AbortReason.UnexpectedPdu);
        this.state = 'closing';
        this.ul.stopIdle();
        this.release();
        return;
      case PduType.Abort: {
        const err = new Error(describeAbort(body[2] ?? 0, body[3] ?? 0));
        this.fail(err);
        this.ul.destroy();
        return;
      }
      default:
        throw new ProtocolError(`unexpected PDU type ${type}`, AbortReason.UnexpectedPdu);
    }
  }

  private release(): void {
    const done = () => {
      if (this.ul.isClosed()) return;
      this.ul.endAfter(encodeReleaseRp());
      this.log.debug({ association: this.info.id }, 'association released');
      this.safely(() => this.ctx.options.handlers.released?.(this.info));
    };
    const releasing = this.ctx.options.handlers.releasing;
    if (!releasing) return done();
    this.ul.hold('releasing');
    // The peer waits for the reply; a failure here is logged and the release goes on (the work is behind
    // answers already given, so nothing of the peer's depends on it).
    Promise.resolve()
      .then(() => releasing(this.info))
      .catch((err: unknown) => this.log.warn({ association: this.info.id, err }, 'releasing handler failed'))
      .finally(done);
  }

  private negotiate(rq: AssociateRq & { protocolVersion: number }): void {
    this.info.callingAet = rq.callingAet;
    this.info.calledAet = rq.calledAet;
    const reject = (result: number, source: number, reason: number, why: string) => {
      this.log.info({ association: this.info.id, callingAet: rq.callingAet, calledAet: rq.calledAet, why }, 'association rejected');
      this.state = 'closing';
      this.ul.endAfter(encodeAssociateRj({ result, source, reason }));
    };
    if (this.ctx.overLimit) return reject(2, 3, 2, this.ctx.overLimit);
    if ((rq.protocolVersion & 1) === 0) return reject(1, 2, 2, 'protocol version');
    if (rq.applicationContext !== APPLICATION_CONTEXT_NAME) return reject(1, 1, 2, 'application context');
    if (rq.calledAet !== this.ctx.options.aeTitle) return reject(1, 1, 7, 'called AE title');

    this.state = 'negotiating';
    this.ul.hold('negotiation');
    const decide = this.ctx.options.handlers.associate;
    Promise.resolve()
      .then(() => (decide ? decide(this.info) : ({ accept: true } as AssociateDecision)))
      .then(
        (decision) => {
          if (this.state !== 'negotiating') return;
          if (!decision.accept) return reject(decision.result, decision.source, decision.reason, 'associate handler');
          this.accept(rq);
        },
        (err: unknown) => {
          if (this.state !== 'negotiating') return;
          this.log.error({ association: this.info.id, err }, 'associate handler failed');
          reject(2, 1, 1, 'associate handler failed');
        },
      );
  }

  private accept(rq: AssociateRq): void {
    const answered: AnsweredContext[] = rq.contexts.map((pc) => {
      const decision = this.decideContext(pc.id, pc.abstractSyntax, pc.transferSyntaxes);
      if (decision.result === 0) this.contexts.set(pc.id, { abstractSyntax: pc.abstractSyntax, transferSyntax: decision.transferSyntax });
      return { id: pc.id, result: decision.result, transferSyntax: decision.transferSyntax };
    });
    // Role selection: we only ever act as SCP here, so we grant the requestor's SCU role and refuse the SCP role.
    const roles: RoleSelection[] = rq.userInfo.roles.map((r) => ({ sopClassUid: r.sopClassUid, scu: r.scu, scp: false }));
    const ac = encodeAssociateAc({
      calledAet: rq.calledAet,
      callingAet: rq.callingAet,
      applicationContext: APPLICATION_CONTEXT_NAME,
      contexts: answered,
      userInfo: {
        maxLength: this.ctx.options.maxPduLength,
        implementationClassUid: IMPLEMENTATION_CLASS_UID,
        implementationVersionName: IMPLEMENTATION_VERSION_NAME,
        roles,
      },
    });
    this.ul.peerMaxPduLength = rq.userInfo.maxLength;
    this.state = 'established';
    this.ul.write(ac).catch(() => {});
    this.log.debug({ association: this.info.id, callingAet: rq.callingAet, contexts: this.contexts.size }, 'association accepted');
    this.ul.startIdle();
    this.ul.unhold('negotiation');
  }

  private decideContext(id: number, abstractSyntax: string, syntaxes: string[]): { result: number; transferSyntax: string } {
    const fallback = syntaxes[0] ?? TransferSyntax.ImplicitVRLittleEndian;
    if (id % 2 === 0) return { result: 2, transferSyntax: fallback };
    if (abstractSyntax === SopClass.Verification) {
      const ts = [TransferSyntax.ImplicitVRLittleEndian, TransferSyntax.ExplicitVRLittleEndian].find((t) => syntaxes.includes(t));
      return ts ? { result: 0, transferSyntax: ts } : { result: 4, transferSyntax: fallback };
    }
    try {
      const decision = this.ctx.options.handlers.presentationContext({ id, abstractSyntax, transferSyntaxes: [...syntaxes] }, this.info);
      if (!decision.accept) return { result: decision.result, transferSyntax: fallback };
      if (!syntaxes.includes(decision.transferSyntax)) {
        this.log.warn({ association: this.info.id, abstractSyntax, chosen: decision.transferSyntax }, 'handler chose a transfer syntax that was not proposed');
        return { result: 4, transferSyntax: fallback };
      }
      return { result: 0, transferSyntax: decision.transferSyntax };
    } catch (err) {
      this.log.error({ association: this.info.id, err }, 'presentationContext handler failed');
      return { result: 2, transferSyntax: fallback };
    }
  }

  private onCommand(contextId: number, command: Command, datasetFollows: boolean): void {
    if (this.state !== 'established') throw new ProtocolError('P-DATA-TF before the association was established', AbortReason.UnexpectedPdu);
    const pc = this.contexts.get(contextId);
    if (!pc) throw new ProtocolError(`message on presentation context ${contextId}, which was not accepted`, AbortReason.UnexpectedPduParameter);
    const op: Operation = { command, contextId, transferSyntax: pc.transferSyntax, datasetDone: !datasetFollows };
    this.op = op;
    if (command.commandField === CommandField.CStoreRq && this.ctx.options.handlers.store) {
      this.startStore(op, pc.transferSyntax);
    } else if (command.commandField === CommandField.CFindRq && this.ctx.options.handlers.find) {
      op.identifier = [];
    } else if (command.commandField === CommandField.CEchoRq) {
      op.result = { status: Status.Success };
    } else if (command.commandField === CommandField.CCancelRq || (command.commandField & 0x8000) !== 0) {
      // Nothing to answer: a cancel for an operation we do not run, or a stray response.
      op.result = undefined;
    } else {
      op.result = { status: command.commandField === CommandField.CStoreRq ? Status.SopClassNotSupported : Status.UnrecognizedOperation };
    }
    if (op.datasetDone) this.afterMessage(op);
  }

  private startStore(op: Operation, transferSyntaxUid: string): void {
    const dataset = new InboundDataset(() => this.ul.resume('consumer'));
    op.dataset = dataset;
    const c = op.command;
    const request = {
      association: this.info,
      presentationContextId: op.contextId,
      messageId: c.messageId ?? 0,
      priority: c.priority ?? 0,
      sopClassUid: c.affectedSopClassUid ?? '',
      sopInstanceUid: c.affectedSopInstanceUid ?? '',
      transferSyntaxUid,
      moveOriginatorAet: c.moveOriginatorAet,
      moveOriginatorMessageId: c.moveOriginatorMessageId,
      dataset,
    };
    if (op.datasetDone) dataset.finish();
    let pending: Promise<StoreResult>;
    try {
      pending = this.ctx.options.handlers.store!(request);
    } catch (err) {
      pending = Promise.reject(err);
    }
    Promise.resolve(pending).then(
      (result) => this.operationSettled(op, result ?? { status: Status.CannotUnderstand, errorComment: 'no result' }),
      (err: unknown) => {
        if (this.op === op && this.failure === undefined) this.log.warn({ association: this.info.id, err }, 'store handler failed');
        this.operationSettled(op, storeFailure(err));
      },
    );
  }

  private operationSettled(op: Operation, result: StoreResult): void {
    op.result = result;
    if (this.op !== op || this.state !== 'established') return;
    if (!op.datasetDone) {
      // The handler answered before the dataset ended: the rest is read and dropped so the peer can finish.
      if (op.dataset && !op.dataset.destroyed) op.dataset.destroy();
      this.ul.resume('consumer');
      return;
    }
    this.respond(op);
  }

  private onDatasetData(slice: Buffer): void {
    const op = this.op;
    if (op?.identifier) {
      if (op.identifier.reduce((n, b) => n + b.length, slice.length) > MAX_IDENTIFIER) throw new ProtocolError('C-FIND identifier too large');
      op.identifier.push(Buffer.from(slice));
    }
    if (!op?.dataset) return;
    if (!op.dataset.offer(slice)) this.ul.pause('consumer');
  }

  private onDatasetEnd(): void {
    const op = this.op;
    if (!op) return;
    op.datasetDone = true;
    op.dataset?.finish();
    this.afterMessage(op);
  }

  /** The whole request is in: answer now, or hold further messages until the handler has decided. */
  private afterMessage(op: Operation): void {
    if (op.identifier) {
      this.ul.hold('handler');
      this.runFind(op).then((result) => this.operationSettled(op, result));
      return;
    }
    if (op.dataset && op.result === undefined) {
      this.ul.hold('handler');
      return;
    }
    this.respond(op);
  }

  /** Sends one pending response per match; resolves with the final status to answer. */
  private async runFind(op: Operation): Promise<StoreResult> {
    const c = op.command;
    const request = {
      association: this.info,
      presentationContextId: op.contextId,
      messageId: c.messageId ?? 0,
      sopClassUid: c.affectedSopClassUid ?? '',
      transferSyntaxUid: op.transferSyntax,
      identifier: Buffer.concat(op.identifier ?? []),
    };
    try {
      for await (const match of this.ctx.options.handlers.find!(request)) {
        if (this.op !== op || this.state !== 'established') return { status: Status.Cancel };
        await this.ul.sendCommand(op.contextId, {
          commandField: CommandField.CFindRsp,
          commandDataSetType: DATASET_PRESENT,
          messageIdBeingRespondedTo: c.messageId ?? 0,
          affectedSopClassUid: c.affectedSopClassUid,
          status: Status.Pending,
        });
        await this.ul.sendFragments(op.contextId, false, match);
      }
      return { status: Status.Success };
    } catch (err) {
      this.log.warn({ association: this.info.id, err }, 'find handler failed');
      return storeFailure(err);
    }
  }

  private respond(op: Operation): void {
    this.op = undefined;
    const c = op.command;
    if (op.result !== undefined && (c.commandField & 0x8000) === 0 && c.commandField !== CommandField.CCancelRq) {
      const rsp: Command = {
        commandField: c.commandField | 0x8000,
        commandDataSetType: NO_DATASET,
        messageIdBeingRespondedTo: c.messageId ?? 0,
        affectedSopClassUid: c.affectedSopClassUid,
        affectedSopInstanceUid: c.affectedSopInstanceUid,
        status: op.result.status,
        errorComment: op.result.errorComment || undefined,
      };
      this.ul.sendCommand(op.contextId, rsp).catch(() => {});
    }
    this.ul.unhold('handler');
  }

  private onArtim(): void {
    if (this.state === 'awaiting-rq') this.log.info({ association: this.info.id }, 'no A-ASSOCIATE-RQ in time');
    this.fail(new Error('ARTIM timer expired'));
    this.ul.destroy();
  }

  private abort(err: Error, reason: number): void {
    if (this.state === 'closed') return;
    this.log.warn({ association: this.info.id, err: err.message }, 'aborting association');
    this.fail(err);
    this.ul.abort(AbortSource.ServiceProvider, reason);
  }

  /** Records the first failure and tells the handler; any instance in flight is lost. */
  private fail(err: Error): void {
    if (this.failure || this.state === 'closed') return;
    const wasEstablished = this.state === 'established' || this.state === 'negotiating';
    this.failure = err;
    this.state = 'closed';
    const op = this.op;
    if (op?.dataset && !op.datasetDone && !op.dataset.destroyed) {
      op.dataset.destroy(new Error(`association aborted mid-instance: ${err.message}`));
    }
    this.op = undefined;
    if (wasEstablished) this.safely(() => this.ctx.options.handlers.aborted?.(this.info, err));
  }

  private onClosed(hadError: boolean): void {
    if (this.state !== 'closing' && this.state !== 'closed') {
      this.fail(new Error(hadError ? 'connection error' : 'connection closed by the peer without release'));
    }
    this.state = 'closed';
    this.ctx.onClosed();
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.error({ association: this.info.id, err }, 'handler threw');
    }
  }
}
