// A set of changes to a parsed dataset tree, recorded by the de-identifier and applied by the writer.
// Every change marks its dataset and all enclosing datasets dirty, so the writer can copy clean subtrees whole.
import type { Dataset, DicomElement } from './dataset.js';
import type { NewElement } from './encode.js';

export type Change =
  | { kind: 'remove' }
  /** New value bytes; the header keeps the element's tag and VR. */
  | { kind: 'value'; value: Uint8Array; vr?: string }
  /** Encapsulated pixel data: the items (offset table, fragments) and the sequence delimiter, pre-encoded. */
  | { kind: 'encapsulated'; parts: Uint8Array[] }
  /** New items for a sequence (an empty list empties it). */
  | { kind: 'items'; items: NewElement[][] };

export class EditSet {
  readonly changes = new Map<DicomElement, Change>();
  readonly inserts = new Map<Dataset, NewElement[]>();
  /** Sequences written with only their first N items (each item may carry its own changes). */
  readonly itemLimits = new Map<DicomElement, number>();
  readonly dirty = new Set<Dataset>();

  private touch(dataset: Dataset): void {
    let node: Dataset | undefined = dataset;
    while (node && !this.dirty.has(node)) {
      this.dirty.add(node);
      node = node.parent?.dataset;
    }
  }

  remove(dataset: Dataset, el: DicomElement): void {
    this.changes.set(el, { kind: 'remove' });
    this.touch(dataset);
  }

  replace(dataset: Dataset, el: DicomElement, value: Uint8Array): void {
    this.changes.set(el, { kind: 'value', value });
    this.touch(dataset);
  }

  /** A new value and, where the meaning changes (native pixel data after encapsulated), a new VR. */
  replaceWithVr(dataset: Dataset, el: DicomElement, value: Uint8Array, vr: string): void {
    this.changes.set(el, { kind: 'value', value, vr });
    this.touch(dataset);
  }

  replaceEncapsulated(dataset: Dataset, el: DicomElement, parts: Uint8Array[]): void {
    this.changes.set(el, { kind: 'encapsulated', parts });
    this.touch(dataset);
  }

  replaceItems(dataset: Dataset, el: DicomElement, items: NewElement[][]): void {
    this.changes.set(el, { kind: 'items', items });
    this.touch(dataset);
  }

  /** Keeps only the first `count` items of a sequence, as they are or with their own changes. */
  limitItems(dataset: Dataset, el: DicomElement, count: number): void {
    this.itemLimits.set(el, count);
    this.touch(dataset);
  }

  /** Adds an element; the caller removes any existing element with the same tag first. */
  insert(dataset: Dataset, el: NewElement): void {
    const list = this.inserts.get(dataset);
    if (list) list.push(el);
    else this.inserts.set(dataset, [el]);
    this.touch(dataset);
  }
}
