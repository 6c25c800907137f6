// Tags as unsigned 32-bit numbers (group << 16 | element): cheap to compare, sort and use as Map keys.

export function tagOf(group: number, element: number): number {
  return ((group << 16) | element) >>> 0;
}

export function groupOf(tag: number): number {
  return tag >>> 16;
}

export function elementOf(tag: number): number {
  return tag & 0xffff;
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/** "(0010,0010)" — the form people and DCMTK print. */
export function formatTag(tag: number): string {
  return `(${hex4(groupOf(tag))},${hex4(elementOf(tag))})`;
}

/** Parses "(0010,0010)", "0010,0010" or "00100010". */
export function parseTag(text: string): number {
  const m = /^\(?([0-9a-f]{4}),?([0-9a-f]{4})\)?$/i.exec(text.trim());
  if (!m) throw new Error(`not a tag: ${text}`);
  return tagOf(parseInt(m[1], 16), parseInt(m[2], 16));
}

export function isPrivateTag(tag: number): boolean {
  return (groupOf(tag) & 1) === 1;
}

/** (gggg,0010-00FF) in an odd group: reserves a block of 256 private elements for a creator. */
export function isPrivateCreator(tag: number): boolean {
  const el = elementOf(tag);
  return isPrivateTag(tag) && el >= 0x10 && el <= 0xff;
}

/** The tag of the creator element that owns private element `tag`, or undefined for non-block elements. */
export function privateCreatorTagOf(tag: number): number | undefined {
  const el = elementOf(tag);
  if (!isPrivateTag(tag) || el < 0x1000) return undefined;
  return tagOf(groupOf(tag), el >>> 8);
}

export const ITEM = 0xfffee000;
export const ITEM_DELIMITER = 0xfffee00d;
export const SEQUENCE_DELIMITER = 0xfffee0dd;
export const PIXEL_DATA = 0x7fe00010;
