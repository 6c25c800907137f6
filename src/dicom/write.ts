// Writes a dataset from its original bytes plus an EditSet: untouched elements (and whole untouched items)
// are copied verbatim as slices of the source buffer; only changed, inserted and enclosing sequence/item
// headers are encoded anew. Defined lengths are recomputed; undefined lengths stay undefined.
import type { Dataset, DicomElement } from './dataset.js';
import { UNDEFINED_LENGTH } from './dataset.js';
import type { EditSet } from './edits.js';
import { UNDEFINED, encodeNewElement, headerBytes, itemDelimiter, itemHeader, sequenceDelimiter, type NewElement } from './encode.js';

/** Appends the encoded dataset to `out` (slices, not copies); returns its length in bytes. */
export function writeDataset(buf: Buffer, dataset: Dataset, edits: EditSet, out: Uint8Array[]): number {
  const inserts = [...(edits.inserts.get(dataset) ?? [])].sort((a, b) => a.tag - b.tag);
  let total = 0;
  let copyStart = -1;
  let copyEnd = -1;
  const flush = (): void => {
    if (copyStart < 0) return;
    out.push(buf.subarray(copyStart, copyEnd));
    total += copyEnd - copyStart;
    copyStart = -1;
  };
  let next = 0;
  for (const el of dataset.elements) {
    while (next < inserts.length && inserts[next].tag < el.tag) {
      flush();
      total += encodeNewElement(inserts[next++], dataset.syntax, out);
    }
    const change = edits.changes.get(el);
    if (change) {
      flush();
      if (change.kind === 'value') {
        const header = headerBytes(el.tag, change.vr ?? el.vr, change.value.length, dataset.syntax);
        out.push(header, change.value);
        total += header.length + change.value.length;
      } else if (change.kind === 'encapsulated') {
        const header = headerBytes(el.tag, 'OB', UNDEFINED, dataset.syntax);
        out.push(header, ...change.parts);
        total += header.length + change.parts.reduce((n, p) => n + p.length, 0);
      } else if (change.kind === 'items') {
        total += encodeNewElement({ tag: el.tag, vr: 'SQ', items: change.items }, dataset.syntax, out);
      }
    } else if (el.items && (edits.itemLimits.has(el) || el.items.some((item) => edits.dirty.has(item.dataset)))) {
      flush();
      total += writeSequence(buf, dataset, el, edits, out);
    } else if (copyStart >= 0 && copyEnd === el.start) {
      copyEnd = el.end;
    } else {
      flush();
      copyStart = el.start;
      copyEnd = el.end;
    }
  }
  flush();
  while (next < inserts.length) total += encodeNewElement(inserts[next++], dataset.syntax, out);
  return total;
}

function writeSequence(buf: Buffer, dataset: Dataset, el: DicomElement, edits: EditSet, out: Uint8Array[]): number {
  const body: Uint8Array[] = [];
  let length = 0;
  for (const item of (el.items ?? []).slice(0, edits.itemLimits.get(el))) {
    if (!edits.dirty.has(item.dataset)) {
      body.push(buf.subarray(item.start, item.end));
      length += item.end - item.start;
      continue;
    }
    const le = item.dataset.syntax.littleEndian;
    const inner: Uint8Array[] = [];
    const innerLength = writeDataset(buf, item.dataset, edits, inner);
    const undefinedItem = item.length === UNDEFINED_LENGTH;
    body.push(itemHeader(undefinedItem ? UNDEFINED : innerLength, le), ...inner);
    length += 8 + innerLength;
    if (undefinedItem) {
      body.push(itemDelimiter(le));
      length += 8;
    }
  }
  const undefinedSequence = el.length === UNDEFINED_LENGTH;
  if (undefinedSequence) {
    body.push(sequenceDelimiter(dataset.syntax.littleEndian));
    length += 8;
  }
  const header = headerBytes(el.tag, el.vr, undefinedSequence ? UNDEFINED : length, dataset.syntax);
  out.push(header, ...body);
  return header.length + length;
}

/** Encodes a dataset made only of new elements (used to build files in tests and tools). */
export function encodeDataset(elements: NewElement[], syntax: Dataset['syntax']): Buffer {
  const out: Uint8Array[] = [];
  for (const el of [...elements].sort((a, b) => a.tag - b.tag)) encodeNewElement(el, syntax, out);
  return Buffer.concat(out);
}
