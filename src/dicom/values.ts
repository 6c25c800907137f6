// Reading element values. Text is decoded as latin1: byte-transparent, so values written back after a
// regex pass keep every byte of any character set (UTF-8, ISO 2022 escapes) they did not touch.
import type { Dataset, DicomElement } from './dataset.js';

export function rawValue(buf: Buffer, el: DicomElement): Buffer {
  return buf.subarray(el.valueOffset, el.valueOffset + Math.max(0, el.length));
}

/** The value as latin1 text without trailing padding (spaces and NULs). */
export function textValue(buf: Buffer, el: DicomElement): string {
  if (el.length <= 0) return '';
  let end = el.valueOffset + el.length;
  while (end > el.valueOffset && (buf[end - 1] === 0x20 || buf[end - 1] === 0x00)) end--;
  return buf.toString('latin1', el.valueOffset, end);
}

export function findElement(dataset: Dataset, tag: number): DicomElement | undefined {
  for (const el of dataset.elements) {
    // A full scan, not a sorted search: badly ordered files exist and a missed element must not be missed.
    if (el.tag === tag) return el;
  }
  return undefined;
}

export function findText(buf: Buffer, dataset: Dataset, tag: number): string | undefined {
  const el = findElement(dataset, tag);
  return el ? textValue(buf, el) : undefined;
}

/** "(0040,A730)[0].(0010,0010)": where an element sits, for reports people read. */
export function tagPath(dataset: Dataset, el: DicomElement, format: (tag: number) => string): string {
  const parts = [format(el.tag)];
  let node: Dataset | undefined = dataset;
  while (node?.parent) {
    parts.push(`${format(node.parent.element.tag)}[${node.parent.index}]`);
    node = node.parent.dataset;
  }
  return parts.reverse().join('.');
}
