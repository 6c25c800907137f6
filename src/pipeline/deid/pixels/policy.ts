// Section 7's decisions about OCR words: which identify the patient (header-seeded values in the forms
// they are drawn in), which are harmless (orientation markers, units, scale digits), and which must go.
import type { Dataset } from '../../../dicom/dataset.js';
import { findElement, textValue } from '../../../dicom/values.js';
import { nameParts } from '../identity.js';
import type { OcrWord } from './ocr.js';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Identifying values of the source, normalised to upper-case letters and digits. */
export interface IdentityTerms {
  tokens: Set<string>;
}

const NAME_TAGS = [0x00100010, 0x00101001, 0x00101060, 0x00080090, 0x00081050, 0x00081060, 0x00081070, 0x00321032];
const ID_TAGS = [0x00100020, 0x00101000, 0x00080050, 0x00200010, 0x00380010, 0x00401001];
const DATE_TAGS = [0x00100030, 0x00080020, 0x00080021, 0x00080022, 0x00080023, 0x0008002a, 0x00181012];
const PLACE_TAGS = [0x00080080, 0x00081040, 0x00081010];

export function normalise(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** A date (YYYYMMDD…) in the forms it is drawn in, normalised: 19700115, 15011970, 01151970, 150170, 15JAN1970, … */
export function dateForms(date: string): string[] {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(date.trim());
  if (!m) return [];
  const [, y, mo, d] = m;
  const yy = y.slice(2);
  const mon = MONTHS[Number(mo) - 1] ?? '';
  return [
    `${y}${mo}${d}`, `${d}${mo}${y}`, `${mo}${d}${y}`, `${d}${mo}${yy}`, `${mo}${d}${yy}`, `${yy}${mo}${d}`,
    `${d}${mon}${y}`, `${d}${mon}${yy}`, `${mon}${d}${y}`, `${Number(d)}${mon}${y}`,
  ];
}

export function identityTerms(buf: Buffer, root: Dataset): IdentityTerms {
  const tokens = new Set<string>();
  const add = (t: string) => {
    const n = normalise(t);
    if (n.length >= 2) tokens.add(n);
  };
  const text = (tag: number) => {
    const el = findElement(root, tag);
    return el ? textValue(buf, el) : '';
  };
  for (const tag of NAME_TAGS) {
    for (const v of text(tag).split('\\')) {
      const parts = nameParts(v);
      for (const part of parts) add(part);
      // Drawn whole ("DOE^JANE", "LI,BO", "JANE DOE" read as one word): short parts identify only together.
      if (parts.length >= 2) {
        add(parts.join(''));
        add([parts[parts.length - 1], ...parts.slice(0, -1)].join(''));
      }
    }
  }
  for (const tag of ID_TAGS) for (const v of text(tag).split('\\')) add(v);
  for (const tag of DATE_TAGS) for (const form of dateForms(text(tag))) add(form);
  for (const tag of PLACE_TAGS) for (const word of text(tag).split(/[\s,./-]+/)) if (word.length >= 3) add(word);
  return { tokens };
}

function within(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let best = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
      if (prev[j] < best) best = prev[j];
    }
    if (best > max) return false;
  }
  return prev[b.length] <= max;
}

/**
 * Characters OCR confuses with one another in small or blurred text, folded to one of each group: a
 * date read "1S39-O2-27" or an ID read "I234B67" is still the patient's.
 */
const CONFUSED: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', T: '7', S: '5', B: '8', Z: '2', G: '6' };

function folded(normalised: string): string {
  return normalised.replace(/[OQDILTSBZG]/g, (c) => CONFUSED[c]);
}

const foldedTerms = new WeakMap<IdentityTerms, string[]>();

/**
 * Does an OCR word carry an identifying value: exactly, with OCR's usual confusions (0/O, 1/I/l, 5/S, …),
 * with one further misread character in a long value or two in one of 8 or more (dates, IDs)?
 */
export function matchesIdentity(word: string, terms: IdentityTerms): boolean {
  const w = normalise(word);
  if (w.length < 2) return false;
  if (terms.tokens.has(w)) return true;
  let tokens = foldedTerms.get(terms);
  if (!tokens) foldedTerms.set(terms, (tokens = [...terms.tokens].map(folded)));
  const f = folded(w);
  for (const t of tokens) {
    if (f === t) return true;
    if (t.length >= 5 && f.length >= 4 && within(f, t, 1)) return true;
    if (t.length >= 8 && f.length >= 7 && within(f, t, 2)) return true;
    // Glued to punctuation or a neighbour: "DOB:07.22.1943", "KAUFMAN,SCOTT".
    if (t.length >= 4 && f.length > t.length && f.includes(t)) return true;
    // Glued to a label and read with one character wrong: "ID:1Z345678", "Acc#A12345B".
    if (t.length >= 6 && f.length > t.length && gluedWithin(f, t)) return true;
  }
  return false;
}

/** Does some run of `w` as long as `t` (or one shorter or longer) lie within one edit of `t`? */
function gluedWithin(w: string, t: string): boolean {
  for (let len = t.length - 1; len <= t.length + 1; len++) {
    for (let i = 0; i + len <= w.length; i++) if (within(w.slice(i, i + len), t, 1)) return true;
  }
  return false;
}

/** Words that are never identifying: orientation markers, units, short scale numbers. */
const SAFE = new Set([
  'R', 'L', 'A', 'P', 'H', 'F', 'S', 'I', 'RT', 'LT', 'AP', 'PA', 'LAT', 'AX', 'SAG', 'COR', 'CM', 'MM', 'HU', 'KV', 'KVP', 'MA',
  'MAS', 'MS', 'HZ', 'KHZ', 'MHZ', 'DB', 'FPS', 'BPM', 'CMS', 'MMS', 'WL', 'WW', 'ROI',
]);

export function isSafe(word: string): boolean {
  const w = normalise(word);
  if (!w) return true;
  if (SAFE.has(w)) return true;
  return /^\d{1,3}$/.test(w); // scale digits; 4 digits or more may be a year or an ID
}

function alnumShare(word: string): number {
  const chars = [...word].length;
  return chars ? normalise(word).length / chars : 0;
}

/** Section 7, at-risk instances: every word of 2+ characters read with confidence >= 20, unless safe. */
export function maskInAtRisk(w: OcrWord, terms: IdentityTerms): boolean {
  if (matchesIdentity(w.text, terms)) return true;
  return normalise(w.text).length >= 2 && w.confidence >= 20 && alnumShare(w.text) >= 0.75 && !isSafe(w.text);
}

/**
 * Section 7, screened frames: a candidate region goes when OCR reads in it a word of 3+ characters or a run of
 * 4+ digits (not safe). Anatomy read as letters is mostly short and poorly read, so outside at-risk
 * instances the shorter the word, the surer OCR must be (identity values go at any confidence).
 */
export function maskInScreened(w: OcrWord, terms: IdentityTerms, surelyText = false): boolean {
  if (matchesIdentity(w.text, terms)) return true;
  if (isSafe(w.text)) return false;
  const n = normalise(w.text);
  // In at-risk instances, and in lines that are plainly text to the screen, any word-like read will do.
  if (surelyText) return (/\d{4,}/.test(n) || n.length >= 3) && alnumShare(w.text) >= 0.6;
  if (/\d{4,}/.test(n) && w.confidence >= 50) return true;
  if (n.length < 3 || alnumShare(w.text) < 0.6) return false;
  return w.confidence >= (n.length === 3 ? 80 : n.length === 4 ? 65 : 50);
}
