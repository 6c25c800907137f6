// The research PACS as a DIMSE peer: one association per transfer carrying a storage context for each
// (SOP class, transfer syntax) the transfer needs plus study-root C-FIND, and the C-FIND questions the
// reconciliation asks (series of a study with their instance counts; the instances of a series).
import { associate, decodeIdentifier, encodeIdentifier, SopClass, TransferSyntax, type ScuAssociation } from '../../dimse/index.js';
import type { Destination } from '../../projects/rules.js';

export class DestinationError extends Error {
  override readonly name = 'DestinationError';
}

export function describeDestination(d: Destination): string {
  return `research PACS ${d.aet} at ${d.host}:${d.port}`;
}

export interface PacsSession {
  association: ScuAssociation;
  /** The accepted context for this class in exactly this syntax (no silent re-encoding). */
  contextFor(sopClassUid: string, transferSyntaxUid: string): number | undefined;
  /** The class's explicit VR little endian context, for an instance whose own syntax the PACS refused. */
  fallbackFor(sopClassUid: string): number | undefined;
  seriesCounts(studyInstanceUid: string): Promise<Map<string, number>>;
  instancesOf(studyInstanceUid: string, seriesInstanceUid: string): Promise<Set<string>>;
  close(): Promise<void>;
  abort(): void;
}

const IMPLICIT = TransferSyntax.ImplicitVRLittleEndian;

export async function openPacsSession(destination: Destination, callingAet: string, pairs: Array<{ sopClassUid: string; transferSyntaxUid: string }>): Promise<PacsSession> {
  const contexts = pairs.map((p) => ({ abstractSyntax: p.sopClassUid, transferSyntaxes: [p.transferSyntaxUid] }));
  contexts.push({ abstractSyntax: SopClass.StudyRootFind, transferSyntaxes: [IMPLICIT] });
  // Explicit VR little endian as a fallback per class, used only where the PACS refuses the instance's own
  // syntax (and only while the association has room for it).
  const explicitLe = TransferSyntax.ExplicitVRLittleEndian;
  for (const sopClassUid of new Set(pairs.map((p) => p.sopClassUid))) {
    const hasIt = pairs.some((p) => p.sopClassUid === sopClassUid && p.transferSyntaxUid === explicitLe);
    if (!hasIt && contexts.length < 128) contexts.push({ abstractSyntax: sopClassUid, transferSyntaxes: [explicitLe] });
  }
  if (contexts.length > 128) throw new DestinationError(`this transfer needs ${contexts.length} presentation contexts; at most 128 fit in one association`);
  let association: ScuAssociation;
  try {
    association = await associate({ host: destination.host, port: destination.port, callingAet, calledAet: destination.aet, contexts, connectTimeoutMs: 10_000, idleTimeoutMs: 120_000, maxPduLength: 262144 });
  } catch (err) {
    throw new DestinationError(`${describeDestination(destination)}: ${(err as Error).message}`, { cause: err });
  }
  const find = async (elements: Parameters<typeof encodeIdentifier>[0]) => {
    const ctx = association.contextFor(SopClass.StudyRootFind);
    if (!ctx) throw new DestinationError(`${describeDestination(destination)} does not accept study-root C-FIND, so Fiona cannot check what it holds`);
    const explicit = ctx.transferSyntax !== IMPLICIT;
    const result = await association.find({ contextId: ctx.id, sopClassUid: SopClass.StudyRootFind, identifier: encodeIdentifier(elements, explicit) });
    if (result.status !== 0) throw new DestinationError(`${describeDestination(destination)} answered C-FIND with status 0x${result.status.toString(16).padStart(4, '0')}`);
    return result.matches.map((m) => decodeIdentifier(m, explicit));
  };
  const value = (elements: ReturnType<typeof decodeIdentifier>, tag: number) => elements.find((e) => e.tag === tag)?.value.trim() ?? '';
  return {
    association,
    contextFor(sopClassUid, transferSyntaxUid) {
      const ctx = association.contextFor(sopClassUid, transferSyntaxUid);
      return ctx && ctx.transferSyntax === transferSyntaxUid ? ctx.id : undefined;
    },
    fallbackFor(sopClassUid) {
      return association.acceptedContexts().find((c) => c.abstractSyntax === sopClassUid && c.transferSyntax === explicitLe)?.id;
    },
    async seriesCounts(studyInstanceUid) {
      const matches = await find([
        { tag: 0x00080052, vr: 'CS', value: 'SERIES' },
        { tag: 0x0020000d, vr: 'UI', value: studyInstanceUid },
        { tag: 0x0020000e, vr: 'UI', value: '' },
        { tag: 0x00201209, vr: 'IS', value: '' },
      ]);
      return new Map(matches.map((m) => [value(m, 0x0020000e), Number(value(m, 0x00201209) || 0)]));
    },
    async instancesOf(studyInstanceUid, seriesInstanceUid) {
      const matches = await find([
        { tag: 0x00080052, vr: 'CS', value: 'IMAGE' },
        { tag: 0x00080018, vr: 'UI', value: '' },
        { tag: 0x0020000d, vr: 'UI', value: studyInstanceUid },
        { tag: 0x0020000e, vr: 'UI', value: seriesInstanceUid },
      ]);
      return new Set(matches.map((m) => value(m, 0x00080018)));
    },
    close: () => association.release(),
    abort: () => association.abort(),
  };
}

/** A separate short association for checks outside a transfer (the scheduled reconciliation). */
export async function studyCounts(destination: Destination, callingAet: string, studyInstanceUids: string[]): Promise<Map<string, { series: number; instances: number }>> {
  const session = await openPacsSession(destination, callingAet, []);
  const out = new Map<string, { series: number; instances: number }>();
  try {
    for (const uid of studyInstanceUids) {
      const counts = await session.seriesCounts(uid);
      out.set(uid, { series: counts.size, instances: [...counts.values()].reduce((a, b) => a + b, 0) });
    }
  } finally {
    await session.close().catch(() => session.abort());
  }
  return out;
}
