// The tag inventory (the original system's "Review"): every tag path present in de-identified output, with
// its VR, how many instances carry it, its distinct values (capped) and flags that point a reviewer at what
// may still identify someone. Pure: an instance's observations are made where it is de-identified (the
// worker pool, `fiona deid --report`); the accumulator merges them; storage is the caller's.
import type { Dataset, DicomElement } from '../../dicom/dataset.js';
import { keywordOf } from '../../dicom/dictionary.js';
import { elementOf, formatTag, groupOf, PIXEL_DATA } from '../../dicom/tag.js';
import { textValue } from '../../dicom/values.js';
import { isTextVr } from '../../dicom/vr.js';

export const FLAGS = ['person-name', 'date', 'id', 'free-text', 'private'] as const;
export type TagFlag = (typeof FLAGS)[number];

/** Distinct values kept per tag path; beyond it the count reads "at least". */
export const DISTINCT_CAP = 100;
export const SAMPLE_COUNT = 5;
/** A value is shown to at most this many characters (huge values stay bounded). */
export const VALUE_CHARS = 64;
/** Tag paths one instance contributes at most (a study with 10,000 private tags stays bounded). */
export const PATHS_PER_INSTANCE = 2000;

/** One tag path in one instance. */
export interface TagObservation {
  path: string;
  /** Keywords along the path, for people ("ContentSequence > TextValue"). */
  name: string;
  vr: string;
  /** The value as a reviewer sees it (bounded), or null for bulk/binary data. */
  value: string | null;
  flags: number;
}

export const flagBit = (flag: TagFlag): number => 1 << FLAGS.indexOf(flag);
export const flagNames = (bits: number): TagFlag[] => FLAGS.filter((f) => bits & flagBit(f));

const NUMERIC: Record<string, [number, (b: Buffer, o: number, le: boolean) => number]> = {
  US: [2, (b, o, le) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o))],
  SS: [2, (b, o, le) => (le ? b.readInt16LE(o) : b.readInt16BE(o))],
  UL: [4, (b, o, le) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o))],
  SL: [4, (b, o, le) => (le ? b.readInt32LE(o) : b.readInt32BE(o))],
  FL: [4, (b, o, le) => (le ? b.readFloatLE(o) : b.readFloatBE(o))],
  FD: [8, (b, o, le) => (le ? b.readDoubleLE(o) : b.readDoubleBE(o))],
};

/** Norwegian national identity number (fødselsnummer): 11 digits whose two check digits are valid (mod 11). */
export function isNationalId(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const d = [...digits].map(Number);
  const check = (weights: number[]) => {
    const rest = 11 - (weights.reduce((sum, w, i) => sum + w * d[i], 0) % 11);
    return rest === 11 ? 0 : rest;
  };
  const k1 = check([3, 7, 6, 1, 8, 9, 4, 5, 2]);
  const k2 = check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k1 === d[9] && k2 === d[10];
}

const DATE_TEXT = /(?<!\d)(?:(?:19|20)\d\d[-./]?(?:0[1-9]|1[0-2])[-./]?(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|[12]\d|3[01])[./-](?:0[1-9]|1[0-2])[./-](?:19|20)?\d\d)(?!\d)/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE = /(?:\+\d{1,3}[\s-]?)?(?<![\d.])\d{2,4}(?:[\s-]\d{2,4}){2,}(?![\d.])/;
const DIGIT_RUN = /(?<![\d.])\d{6,}(?![\d.])/g;
const NAME_TEXT = /^[A-Za-z\u00c0-\u00ff'-]+\^[A-Za-z\u00c0-\u00ff'-]+/;
/** VRs whose digits are measurements, UIDs or codes of a fixed form, not identifiers. */
const NUMBER_VRS = new Set(['UI', 'DS', 'IS', 'DA', 'DT', 'TM', 'AS', 'US', 'SS', 'UL', 'SL', 'FL', 'FD']);

/** The flags a value (and its VR) raises. */
export function flagsOf(vr: string, value: string | null, privateTag: boolean): number {
  let bits = privateTag ? flagBit('private') : 0;
  if (vr === 'PN') bits |= flagBit('person-name');
  if (vr === 'DA' || vr === 'DT') bits |= flagBit('date');
  if (vr === 'ST' || vr === 'LT' || vr === 'UT' || vr === 'UC') bits |= flagBit('free-text');
  if (!value) return bits;
  if (NAME_TEXT.test(value)) bits |= flagBit('person-name');
  if (!NUMBER_VRS.has(vr)) {
    if (DATE_TEXT.test(value)) bits |= flagBit('date');
    const runs = value.match(DIGIT_RUN) ?? [];
    if (runs.length > 0 || EMAIL.test(value) || PHONE.test(value)) bits |= flagBit('id');
    if ((vr === 'LO' || vr === 'SH' || vr === 'UN' || privateTag) && /\s/.test(value.trim()) && (value.match(/[A-Za-z\u00c0-\u00ff]{2,}/g) ?? []).length >= 3) bits |= flagBit('free-text');
  }
  for (const run of value.match(/\d{6}\s?\d{5}/g) ?? []) if (isNationalId(run.replace(/\s/g, ''))) bits |= flagBit('id');
  return bits;
}

/** A value as a reviewer may see it: control bytes shown as '?', at most VALUE_CHARS characters. */
function shown(buf: Buffer, el: DicomElement, vr: string, littleEndian: boolean): string | null {
  if (el.length <= 0) return '';
  if (isTextVr(vr) || vr === 'PN' || vr === 'UI' || vr === 'AE') {
    const end = Math.min(el.valueOffset + el.length, el.valueOffset + VALUE_CHARS * 4);
    const text = textValue(buf, { ...el, length: end - el.valueOffset }).replace(/[^\t\n\r\x20-\x7e\x80-\uffff]/gu, '?');
    return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS - 1)}…` : text;
  }
  const numeric = NUMERIC[vr];
  if (numeric && el.length <= numeric[0] * 4 && el.length % numeric[0] === 0) {
    const values: number[] = [];
    for (let o = 0; o < el.length; o += numeric[0]) values.push(numeric[1](buf, el.valueOffset + o, littleEndian));
    return values.join('\\');
  }
  return null;
}

function creatorOf(buf: Buffer, ds: Dataset, tag: number): string {
  const block = (elementOf(tag) >> 8) & 0xff;
  const creatorTag = ((groupOf(tag) << 16) | block) >>> 0;
  const creator = ds.elements.find((e) => e.tag === creatorTag);
  return creator ? textValue(buf, creator).trim() : '';
}

/** "(0029,"SIEMENS CSA HEADER",10)": a private element by its creator, independent of the block it got. */
function pathPart(buf: Buffer, ds: Dataset, tag: number): string {
  const group = groupOf(tag);
  const element = elementOf(tag);
  if (group & 1 && element >= 0x1000) {
    const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
    return `(${hex(group, 4)},"${creatorOf(buf, ds, tag)}",${hex(element & 0xff, 2)})`;
  }
  return formatTag(tag);
}

// Values and paths repeat across the instances of a study (same manufacturer, same tags): their flags and
// names are computed once. Bounded: cleared when full.
const CACHE_LIMIT = 20_000;
const flagCache = new Map<string, number>();
const nameCache = new Map<string, [path: string, name: string]>();

function cachedFlags(vr: string, value: string | null, privateTag: boolean): number {
  if (value === null || value.length > VALUE_CHARS) return flagsOf(vr, value, privateTag);
  const key = `${vr}${privateTag ? 1 : 0}${value}`;
  let bits = flagCache.get(key);
  if (bits === undefined) {
    if (flagCache.size >= CACHE_LIMIT) flagCache.clear();
    bits = flagsOf(vr, value, privateTag);
    flagCache.set(key, bits);
  }
  return bits;
}

/** Every tag path of one (de-identified) dataset, items of a sequence folded into one path. */
export function observeTags(buf: Buffer, root: Dataset, littleEndian = root.syntax.littleEndian): TagObservation[] {
  const out: TagObservation[] = [];
  const visit = (ds: Dataset, prefix: string, names: string): void => {
    for (const el of ds.elements) {
      if (out.length >= PATHS_PER_INSTANCE) return;
      const privateTag = (groupOf(el.tag) & 1) === 1;
      let path: string;
      let name: string;
      const cacheKey = privateTag ? undefined : `${prefix}|${el.tag}`;
      const cached = cacheKey === undefined ? undefined : nameCache.get(cacheKey);
      if (cached) [path, name] = cached;
      else {
        const part = pathPart(buf, ds, el.tag);
        path = prefix ? `${prefix} > ${part}` : part;
        const keyword = (privateTag ? '' : keywordOf(el.tag)) || part;
        name = names ? `${names} > ${keyword}` : keyword;
        if (cacheKey !== undefined) {
          if (nameCache.size >= CACHE_LIMIT) nameCache.clear();
          nameCache.set(cacheKey, [path, name]);
        }
      }
      if (el.items) {
        out.push({ path, name, vr: 'SQ', value: null, flags: privateTag ? flagBit('private') : 0 });
        for (const item of el.items) visit(item.dataset, path, name);
        continue;
      }
      const value = el.tag === PIXEL_DATA || el.encapsulated ? null : shown(buf, el, el.vr, littleEndian);
      out.push({ path, name, vr: el.vr, value, flags: cachedFlags(el.vr, value, privateTag) });
    }
  };
  visit(root, '', '');
  // A path seen in several items of one instance counts once for it; its values all count.
  return out;
}

/** One tag path over many instances. */
export interface InventoryEntry {
  path: string;
  name: string;
  vr: string;
  instances: number;
  /** Distinct values seen, at most DISTINCT_CAP (then `capped`). */
  values: Set<string>;
  capped: boolean;
  flags: number;
}

/** Merges observations, instance by instance, in memory (a run's batch, or a whole folder for --report). */
export class InventoryAccumulator {
  readonly entries = new Map<string, InventoryEntry>();
  instances = 0;

  add(observations: TagObservation[]): void {
    this.instances++;
    const counted = new Set<string>();
    for (const o of observations) {
      let entry = this.entries.get(o.path);
      if (!entry) {
        entry = { path: o.path, name: o.name, vr: o.vr, instances: 0, values: new Set(), capped: false, flags: 0 };
        this.entries.set(o.path, entry);
      }
      if (!counted.has(o.path)) {
        counted.add(o.path);
        entry.instances++;
      }
      entry.flags |= o.flags;
      if (o.value !== null) {
        if (entry.values.size < DISTINCT_CAP) entry.values.add(o.value);
        else if (!entry.values.has(o.value)) entry.capped = true;
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The inventory as rows (the API's, the CSV's and the report's shape). */
export interface InventoryRow {
  path: string;
  name: string;
  vr: string;
  instances: number;
  distinctValues: number;
  /** True when there were more distinct values than DISTINCT_CAP: distinctValues is a lower bound. */
  distinctCapped: boolean;
  samples: string[];
  flags: TagFlag[];
}

export function inventoryRows(acc: InventoryAccumulator): InventoryRow[] {
  return [...acc.entries.values()]
    .map((e) => ({ path: e.path, name: e.name, vr: e.vr, instances: e.instances, distinctValues: e.values.size, distinctCapped: e.capped, samples: [...e.values].slice(0, SAMPLE_COUNT), flags: flagNames(e.flags) }))
    .sort((a, b) => b.instances - a.instances || a.path.localeCompare(b.path));
}

/** A CSV cell: quoted, and a value a spreadsheet would run as a formula (= + - @, tab, CR) starts with a quote. */
export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function inventoryCsv(rows: InventoryRow[]): string {
  const header = ['path', 'name', 'vr', 'instances', 'distinct_values', 'distinct_capped', 'flags', 'samples'];
  const lines = [header.join(',')];
  for (const r of rows) lines.push([r.path, r.name, r.vr, r.instances, r.distinctValues, r.distinctCapped, r.flags.join(' '), r.samples.join(' | ')].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
