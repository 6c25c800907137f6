// C-GET as the requesting side: one association that asks the peer for a study, series or instance and
// takes the C-STORE sub-operations it answers with on the same association (PS3.4 C.4.3), so no second
// listener and no AE title registered at the peer are needed. The storage contexts are proposed with the
// SCP role (role selection, PS3.7 D.3.3.4), one transfer syntax each, so the peer can send every instance
// in the syntax it holds it in and the bytes arrive as stored.
import { connect, type Socket } from 'node:net';
import { encodeAssociateRq, parseAssociateAc, parseAssociateRj } from './associate-pdu.js';
import { CommandField, DATASET_PRESENT, NO_DATASET, Status, isPending, type Command } from './command.js';
import { encodeIdentifier, type IdentifierElement } from './identifier.js';
import { encodeReleaseRq } from './pdu-encode.js';
import { AbortSource, PduType, describeAbort, describeReject } from './pdu-types.js';
import { UpperLayer } from './upper-layer.js';
import { APPLICATION_CONTEXT_NAME, IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, SopClass, TransferSyntax } from './uids.js';

export interface GetOptions {
  host: string;
  port: number;
  callingAet: string;
  calledAet: string;
  /** The SOP classes to take (each proposed in `transferSyntaxes`, one context per syntax). */
  sopClasses: string[];
  transferSyntaxes?: string[];
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
}

export interface GetQuery {
  level: 'STUDY' | 'SERIES' | 'IMAGE';
  studyInstanceUid: string;
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
}

/** One instance the peer sent: the dataset exactly as on the wire (no file meta) in its transfer syntax. */
export interface RetrievedInstance {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  dataset: Buffer;
}

export interface GetOutcome {
  status: number;
  completed: number;
  failed: number;
  warning: number;
}

/** The syntaxes proposed by default: uncompressed, then the compressed ones research PACS commonly hold. */
export const DEFAULT_GET_SYNTAXES: readonly string[] = [
  TransferSyntax.ExplicitVRLittleEndian,
  TransferSyntax.ImplicitVRLittleEndian,
  TransferSyntax.JpegBaseline,
  TransferSyntax.JpegLosslessSV1,
  TransferSyntax.JpegLsLossless,
  TransferSyntax.Jpeg2000Lossless,
  TransferSyntax.Jpeg2000,
  TransferSyntax.Rle,
  TransferSyntax.DeflatedExplicitVRLittleEndian,
];

const MAX_CONTEXTS = 128;

/**
 * Retrieves what the query names; `onInstance` is awaited before the sub-operation is answered, so a
 * consumer that writes to a slow client holds the peer back instead of piling instances up in memory.
 */
export function getInstances(options: GetOptions, query: GetQuery, onInstance: (instance: RetrievedInstance) => Promise<void>): Promise<GetOutcome> {
  return new Promise<GetOutcome>((resolve, reject) => {
    const syntaxes = options.transferSyntaxes ?? DEFAULT_GET_SYNTAXES;
    const contexts: { id: number; abstractSyntax: string; transferSyntaxes: string[] }[] = [
      { id: 1, abstractSyntax: SopClass.StudyRootGet, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian] },
    ];
    for (const sopClass of new Set(options.sopClasses)) {
      for (const ts of syntaxes) {
        if (contexts.length >= MAX_CONTEXTS) break;
        contexts.push({ id: contexts.length * 2 + 1, abstractSyntax: sopClass, transferSyntaxes: [ts] });
      }
    }
    const proposed = new Map(contexts.map((c) => [c.id, c]));
    const accepted = new Map<number, string>();
    let state: 'connecting' | 'requesting' | 'established' | 'releasing' | 'closed' = 'connecting';
    let settled = false;
    let outcome: GetOutcome | undefined;
    let incoming: { contextId: number; command: Command; parts: Buffer[] } | undefined;
    let handling: Promise<void> = Promise.resolve();
    let ul: UpperLayer;

    const finish = (err: Error | undefined) => {
      if (settled) return;
      settled = true;
      state = 'closed';
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(outcome!);
    };
    const fail = (err: Error) => {
      if (ul && !ul.isClosed()) ul.abort(AbortSource.ServiceUser, 0);
      else socket.destroy();
      finish(err);
    };
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    const timer = setTimeout(() => fail(new Error(`association with ${options.host}:${options.port} timed out after ${timeoutMs} ms`)), timeoutMs);

    const sendGet = () => {
      const elements: IdentifierElement[] = [
        { tag: 0x00080052, vr: 'CS', value: query.level },
        { tag: 0x0020000d, vr: 'UI', value: query.studyInstanceUid },
      ];
      if (query.seriesInstanceUid) elements.push({ tag: 0x0020000e, vr: 'UI', value: query.seriesInstanceUid });
      if (query.sopInstanceUid) elements.push({ tag: 0x00080018, vr: 'UI', value: query.sopInstanceUid });
      const command: Command = { commandField: CommandField.CGetRq, commandDataSetType: DATASET_PRESENT, messageId: 1, priority: 0, affectedSopClassUid: SopClass.StudyRootGet };
      (async () => {
        await ul.sendCommand(1, command);
        await ul.sendFragments(1, false, encodeIdentifier(elements, false));
      })().catch((err: Error) => fail(new Error(`sending C-GET failed: ${err.message}`, { cause: err })));
    };

    const onStore = (contextId: number, command: Command, dataset: Buffer) => {
      const transferSyntaxUid = accepted.get(contextId);
      const answer = async (status: number) => {
        await ul.sendCommand(contextId, {
          commandField: CommandField.CStoreRsp,
          commandDataSetType: NO_DATASET,
          messageIdBeingRespondedTo: command.messageId,
          affectedSopClassUid: command.affectedSopClassUid,
          affectedSopInstanceUid: command.affectedSopInstanceUid,
          status,
        });
      };
      // Sub-operations are answered in order; the peer sends the next one only after our answer.
      handling = handling.then(async () => {
        if (!transferSyntaxUid) return answer(Status.CannotUnderstand);
        ul.hold('c-get consumer');
        try {
          await onInstance({ sopClassUid: command.affectedSopClassUid ?? '', sopInstanceUid: command.affectedSopInstanceUid ?? '', transferSyntaxUid, dataset });
        } finally {
          ul.unhold('c-get consumer');
        }
        await answer(Status.Success);
      }).catch((err: Error) => fail(err));
    };

    const socket: Socket = connect({ host: options.host, port: options.port });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (state === 'connecting') finish(new Error(`cannot connect to ${options.host}:${options.port}: ${err.code === 'ECONNREFUSED' ? 'connection refused' : err.message}`, { cause: err }));
    });
    socket.once('connect', () => {
      state = 'requesting';
      ul = new UpperLayer(
        socket,
        { maxPduLength: 262144, idleTimeoutMs: options.idleTimeoutMs ?? 60_000, artimTimeoutMs: timeoutMs },
        {
          onCommand: (contextId, command, follows) => {
            if (command.commandField === CommandField.CStoreRq) {
              incoming = { contextId, command, parts: [] };
              if (!follows) fail(new Error('C-STORE sub-operation without a dataset'));
              return;
            }
            if (command.commandField !== CommandField.CGetRsp) return fail(new Error(`unexpected command 0x${command.commandField.toString(16)} during C-GET`));
            const status = command.status ?? -1;
            if (isPending(status)) return;
            outcome = { status, completed: command.completedSubOperations ?? 0, failed: command.failedSubOperations ?? 0, warning: command.warningSubOperations ?? 0 };
            void handling.then(() => {
              if (settled) return;
              state = 'releasing';
              ul.stopIdle();
              ul.startArtim();
              ul.write(encodeReleaseRq()).catch(() => {});
            });
          },
          onDatasetData: (slice) => incoming?.parts.push(Buffer.from(slice)),
          onDatasetEnd: () => {
            const message = incoming;
            incoming = undefined;
            if (message) onStore(message.contextId, message.command, Buffer.concat(message.parts));
          },
          onOtherPdu: (type, body) => {
            if (type === PduType.AssociateAc && state === 'requesting') {
              const ac = parseAssociateAc(body);
              ul.peerMaxPduLength = ac.userInfo.maxLength;
              for (const c of ac.contexts) {
                const mine = proposed.get(c.id);
                if (c.result === 0 && mine) accepted.set(c.id, mine.transferSyntaxes[0]);
              }
              if (!accepted.has(1)) return fail(new Error(`${options.calledAet} does not accept study-root C-GET`));
              state = 'established';
              clearTimeout(timer);
              ul.startIdle();
              sendGet();
            } else if (type === PduType.AssociateRj) {
              const rj = parseAssociateRj(body);
              ul.destroy();
              finish(new Error(describeReject(rj.result, rj.source, rj.reason)));
            } else if (type === PduType.ReleaseRp && state === 'releasing') {
              ul.stopArtim();
              ul.socket.end();
              finish(undefined);
            } else if (type === PduType.Abort) {
              ul.destroy();
              finish(new Error(describeAbort(body[2] ?? 0, body[3] ?? 0)));
            } else {
              fail(new Error(`unexpected PDU type ${type} during C-GET`));
            }
          },
          onProtocolError: (err) => fail(err),
          onClosed: () => finish(new Error('the connection closed during C-GET')),
          onIdle: () => fail(new Error(`no answer within ${options.idleTimeoutMs ?? 60_000} ms during C-GET`)),
          onArtimExpired: () => fail(new Error('no A-RELEASE-RP in time')),
          isBusy: () => false,
        },
      );
      ul.write(encodeAssociateRq({
        calledAet: options.calledAet,
        callingAet: options.callingAet,
        applicationContext: APPLICATION_CONTEXT_NAME,
        contexts,
        userInfo: {
          maxLength: 262144,
          implementationClassUid: IMPLEMENTATION_CLASS_UID,
          implementationVersionName: IMPLEMENTATION_VERSION_NAME,
          roles: [...new Set(options.sopClasses)].map((sopClassUid) => ({ sopClassUid, scu: false, scp: true })),
        },
      })).catch(() => {});
    });
  });
}
