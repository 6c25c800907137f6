// The leak verifier: every identifying value of the source, searched for in every value of the output at
// every depth, private and UN bytes included. Only binary numeric data and pixel data are skipped: they
// cannot carry text, and megabytes of them would match short strings by chance.
import type { Dataset } from '../../dicom/dataset.js';
import { describeTag } from '../../dicom/dictionary.js';
import { parseDicom, type ParsedDicom } from '../../dicom/parse.js';
import { elementOf, groupOf, PIXEL_DATA, privateCreatorTagOf } from '../../dicom/tag.js';
import { findElement, tagPath, textValue } from '../../dicom/values.js';
import { isNumericBinaryVr, isTextVr } from '../../dicom/vr.js';
import { collectIdentity, type IdentifyingValues } from './identity.js';

export interface VerifyHit {
  value: string;
  tagPath: string;
  /** For a private element: its "gggg,CREATOR,ee" (the form of the project's safe-private allow-list). */
  privateTag: string | null;
}

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

/** The allow-list entry of a private data element (gggg,xxee with its creator at gggg,00xx), or null. */
function privateTagOf(buf: Buffer, dataset: Dataset, tag: number): string | null {
  const group = groupOf(tag);
  if (!(group & 1) || elementOf(tag) < 0x1000) return null;
  const creatorTag = privateCreatorTagOf(tag);
  const creatorElement = creatorTag === undefined ? undefined : findElement(dataset, creatorTag);
  const creator = creatorElement ? textValue(buf, creatorElement).trim() : '';
  return creator ? `${hex(group, 4)},${creator},${hex(elementOf(tag) & 0xff, 2)}` : null;
}

export interface VerifyResult {
  ok: boolean;
  hits: VerifyHit[];
}

export interface VerifyOptions {
  /** Values the de-identifier writes on purpose (pseudonym, project, event...): never a hit. */
  allow?: Iterable<string>;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Vocabulary fields: defined terms and codes, where only whole identifying values count as a hit. */
const VOCABULARY_TAGS = new Set([
  0x00080100, 0x00080102, 0x00080103, 0x00080104, 0x00080119, 0x0040a040, 0x00080070, 0x00081090, 0x00181020,
  0x00120062, 0x00120063,
]);
const OUR_MARKS = 0x00120064; // DeidentificationMethodCodeSequence: constants we write

/** Needles as one regex. Digit-only needles also must not touch a '.' so "0.12345" is not PatientID 12345. */
function searchPattern(needles: string[]): RegExp | undefined {
  const words = needles.filter((n) => !/^[\d]+$/.test(n));
  const numbers = needles.filter((n) => /^[\d]+$/.test(n));
  const parts: string[] = [];
  if (words.length) parts.push(`(?<![A-Za-z0-9_\\x80-\\xff])(?:${words.map(escape).join('|')})(?![A-Za-z0-9_\\x80-\\xff])`);
  if (numbers.length) parts.push(`(?<![0-9.])(?:${numbers.join('|')})(?![0-9.])`);
  return parts.length ? new RegExp(parts.join('|'), 'i') : undefined;
}

function needleList(values: Iterable<string>, allow: Iterable<string> | undefined, minLength: number): string[] {
  const allowed = new Set([...(allow ?? [])].map((a) => a.trim().toLowerCase()));
  return [...values]
    .filter((n) => n.length >= minLength && !allowed.has(n.toLowerCase()))
    .sort((a, b) => b.length - a.length);
}

/**
 * Does a text contain an identifying value of the source (names, their parts, IDs, birth date forms...)? The
 * engine asks before it keeps a value it would otherwise keep as it is (patient characteristics).
 */
export function identityMatcher(identity: IdentifyingValues, allow?: Iterable<string>): (text: string) => boolean {
  const pattern = searchPattern(needleList([...identity.needles, ...identity.weakNeedles], allow, 3));
  return (text) => pattern !== undefined && pattern.test(text);
}

/** Verifies a parsed output against already collected source values (the engine's fast path). */
export function verifyAgainst(identity: IdentifyingValues, output: ParsedDicom, options: VerifyOptions = {}): VerifyResult {
  // Text values: 3+ characters. Binary blobs (OB, UN, private): 4+, so random bytes do not spell a word.
  const all = [...identity.needles, ...identity.weakNeedles];
  const textPattern = searchPattern(needleList(all, options.allow, 3));
  const binaryPattern = searchPattern(needleList(all, options.allow, 4));
  const vocabularyPattern = searchPattern(needleList(identity.needles, options.allow, 3));
  const hits: VerifyHit[] = [];
  if (!textPattern) return { ok: true, hits };
  const buf = output.buffer;
  const visit = (dataset: Dataset): void => {
    for (const el of dataset.elements) {
      if (el.items) {
        if (el.tag !== OUR_MARKS || dataset.parent) for (const item of el.items) visit(item.dataset);
        continue;
      }
      if (el.tag === PIXEL_DATA || el.encapsulated || el.length <= 0 || isNumericBinaryVr(el.vr)) continue;
      const vocabulary = el.vr === 'CS' || el.vr === 'AS' || VOCABULARY_TAGS.has(el.tag);
      const pattern = vocabulary ? vocabularyPattern : isTextVr(el.vr) || el.vr === 'UI' ? textPattern : binaryPattern;
      if (!pattern) continue;
      const text = buf.toString('latin1', el.valueOffset, el.valueOffset + el.length);
      const match = pattern.exec(text);
      if (match) hits.push({ value: match[0], tagPath: tagPath(dataset, el, describeTag), privateTag: privateTagOf(buf, dataset, el.tag) });
    }
  };
  visit(output.dataset);
  return { ok: hits.length === 0, hits };
}

/** verify(source, output): does any identifying value of the source appear anywhere in the output? */
export function verify(source: Uint8Array, output: Uint8Array, options: VerifyOptions = {}): VerifyResult {
  const parsedSource = parseDicom(source);
  const identity = collectIdentity(parsedSource.buffer, parsedSource.dataset);
  return verifyAgainst(identity, parseDicom(output), options);
}
