// A Part-10 file (STOW-RS, uploads from the browser) into the quarantine through the same durable store as
// C-STORE: its file meta group names the SOP class, the instance and the transfer syntax (what a C-STORE
// command and its presentation context say), and the dataset behind it streams into storeInstance, with
// the same structure check, the same parse-before-Success rule and the same resend and conflict handling.
// The stored file therefore holds the dataset byte for byte, as if it had come by C-STORE.
import { Readable } from 'node:stream';
import { SUPPORTED_TRANSFER_SYNTAXES } from './policy.js';
import { Status, storeInstance, type StoreDeps, type StoreOutcome } from './store-instance.js';

export interface Part10Source {
  /** Stands where a C-STORE has the calling AE title (e.g. "STOW-RS", "UPLOAD"). */
  callingAet: string;
  sourceAddress: string;
}

export interface Part10Outcome extends StoreOutcome {
  /** False when the bytes are not a Part-10 file (no DICM preamble, or no usable file meta group). */
  dicom: boolean;
  sopClassUid?: string;
  sopInstanceUid?: string;
}

/** A file meta group larger than this is not one. */
const MAX_META_BYTES = 64 * 1024;

interface Meta {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  datasetStart: number;
}

/** Parses the preamble and the meta group once `head` holds them; undefined: more bytes needed; null: not Part 10. */
export function readFileMeta(head: Buffer, complete: boolean): Meta | undefined | null {
  if (head.length < 132) return complete ? null : undefined;
  if (head.toString('latin1', 128, 132) !== 'DICM') return null;
  const values = new Map<number, string>();
  let pos = 132;
  for (;;) {
    if (pos + 8 > head.length) {
      if (!complete) return head.length > MAX_META_BYTES ? null : undefined;
      break;
    }
    const group = head.readUInt16LE(pos);
    if (group !== 0x0002) break;
    const element = head.readUInt16LE(pos + 2);
    const vr = head.toString('latin1', pos + 4, pos + 6);
    const long = ['OB', 'OW', 'UN', 'SQ', 'UT', 'UC', 'UR'].includes(vr);
    if (long && pos + 12 > head.length) return complete ? null : undefined;
    const length = long ? head.readUInt32LE(pos + 8) : head.readUInt16LE(pos + 6);
    const start = pos + (long ? 12 : 8);
    if (start + length > head.length) return complete || start + length > MAX_META_BYTES ? null : undefined;
    if (vr === 'UI') values.set(element, head.toString('latin1', start, start + length).replace(/[\0 ]+$/, ''));
    pos = start + length;
  }
  const sopClassUid = values.get(0x0002);
  const sopInstanceUid = values.get(0x0003);
  const transferSyntaxUid = values.get(0x0010);
  if (!sopClassUid || !sopInstanceUid || !transferSyntaxUid) return null;
  return { sopClassUid, sopInstanceUid, transferSyntaxUid, datasetStart: pos };
}

/** Stores one Part-10 file from a stream. Consumes the stream in every case. */
export async function storePart10(deps: StoreDeps, input: AsyncIterable<Buffer | Uint8Array>, source: Part10Source): Promise<Part10Outcome> {
  const iterator = input[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let length = 0;
  let meta: Meta | null | undefined;
  let done = false;
  while (meta === undefined) {
    let next: IteratorResult<Buffer | Uint8Array>;
    try {
      next = await iterator.next();
    } catch (err) {
      return { dicom: false, status: Status.ProcessingFailure, errorComment: `not stored: ${(err as Error).message}`.slice(0, 64) };
    }
    done = Boolean(next.done);
    if (!next.done) {
      parts.push(Buffer.from(next.value));
      length += next.value.length;
    }
    const head = parts.length === 1 ? parts[0] : Buffer.concat(parts, length);
    parts.splice(0, parts.length, head);
    meta = readFileMeta(head, done);
    if (done && meta === undefined) meta = null;
  }
  const drain = async () => {
    if (done) return;
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        // the rest of a file that is not stored is read and dropped
      }
    } catch {
      // the source failed (e.g. over its size limit): there is nothing more to read
    }
  };
  if (meta === null) {
    await drain();
    return { dicom: false, status: Status.CannotUnderstand, errorComment: 'not a DICOM Part-10 file (no DICM preamble or file meta group)' };
  }
  const known = { dicom: true, sopClassUid: meta.sopClassUid, sopInstanceUid: meta.sopInstanceUid };
  if (!SUPPORTED_TRANSFER_SYNTAXES.has(meta.transferSyntaxUid)) {
    await drain();
    return { ...known, status: Status.CannotUnderstand, errorComment: `transfer syntax ${meta.transferSyntaxUid} is not accepted` };
  }
  const first = parts[0].subarray(meta.datasetStart);
  const rest = done ? undefined : iterator;
  let sourceError: Error | undefined;
  const dataset = Readable.from(
    (async function* () {
      if (first.length) yield first;
      if (!rest) return;
      try {
        for (let next = await rest.next(); !next.done; next = await rest.next()) yield Buffer.from(next.value);
      } catch (err) {
        sourceError = err as Error;
        throw err;
      }
    })(),
    { objectMode: false },
  );
  const outcome = await storeInstance(deps, {
    sopClassUid: meta.sopClassUid,
    sopInstanceUid: meta.sopInstanceUid,
    transferSyntaxUid: meta.transferSyntaxUid,
    callingAet: source.callingAet,
    sourceAddress: source.sourceAddress,
    dataset,
  });
  if (!dataset.readableEnded) {
    dataset.destroy();
    await drain();
  }
  // The source failing (e.g. over its size limit) is what to report, not how the store saw it end.
  if (sourceError && outcome.status !== Status.Success) return { ...known, status: outcome.status, errorComment: `not stored: ${sourceError.message}`.slice(0, 64) };
  return { ...known, ...outcome };
}
