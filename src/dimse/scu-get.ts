// C-GET as the requesting side, for callers that want each retrieved instance whole in memory (DICOMweb
// answers one instance or frame at a time): a thin wrapper over the association's C-GET (scu.ts), which takes
// the C-STORE sub-operations on the same association with the SCP role (role selection, PS3.7 D.3.3.4), so no
// second listener and no AE title registered at the peer are needed. One transfer syntax per context, so the
// peer sends every instance in the syntax it holds it in and the bytes arrive as stored.
import { Status } from './command.js';
import { encodeIdentifier, type IdentifierElement } from './identifier.js';
import { associate } from './scu.js';
import { SopClass, TransferSyntax } from './uids.js';

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
export async function getInstances(options: GetOptions, query: GetQuery, onInstance: (instance: RetrievedInstance) => Promise<void>): Promise<GetOutcome> {
  const syntaxes = options.transferSyntaxes ?? DEFAULT_GET_SYNTAXES;
  const classes = [...new Set(options.sopClasses)];
  const contexts: { abstractSyntax: string; transferSyntaxes: string[] }[] = [{ abstractSyntax: SopClass.StudyRootGet, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian] }];
  for (const sopClass of classes) {
    for (const ts of syntaxes) if (contexts.length < MAX_CONTEXTS) contexts.push({ abstractSyntax: sopClass, transferSyntaxes: [ts] });
  }
  const association = await associate({
    host: options.host,
    port: options.port,
    callingAet: options.callingAet,
    calledAet: options.calledAet,
    contexts,
    roles: classes.map((sopClassUid) => ({ sopClassUid, scu: false, scp: true })),
    maxPduLength: 262144,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
  });
  try {
    const get = association.contextFor(SopClass.StudyRootGet);
    if (!get) throw new Error(`${options.calledAet} does not accept study-root C-GET`);
    const elements: IdentifierElement[] = [
      { tag: 0x00080052, vr: 'CS', value: query.level },
      { tag: 0x0020000d, vr: 'UI', value: query.studyInstanceUid },
    ];
    if (query.seriesInstanceUid) elements.push({ tag: 0x0020000e, vr: 'UI', value: query.seriesInstanceUid });
    if (query.sopInstanceUid) elements.push({ tag: 0x00080018, vr: 'UI', value: query.sopInstanceUid });
    let consumerError: Error | undefined;
    const result = await association.get({
      contextId: get.id,
      sopClassUid: SopClass.StudyRootGet,
      identifier: encodeIdentifier(elements, false),
      onStore: async (store) => {
        const parts: Buffer[] = [];
        for await (const part of store.dataset) parts.push(part as Buffer);
        if (consumerError) return { status: Status.CannotUnderstand };
        try {
          await onInstance({ sopClassUid: store.sopClassUid, sopInstanceUid: store.sopInstanceUid, transferSyntaxUid: store.transferSyntaxUid, dataset: Buffer.concat(parts) });
          return { status: Status.Success };
        } catch (err) {
          consumerError = err as Error;
          return { status: Status.CannotUnderstand };
        }
      },
    });
    if (consumerError) throw consumerError;
    await association.release();
    return { status: result.status, completed: result.completed, failed: result.failed, warning: result.warning };
  } catch (err) {
    association.abort();
    throw err;
  }
}
