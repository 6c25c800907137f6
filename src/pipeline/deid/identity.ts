// The identifying values of a source instance, collected at every depth: what the descriptor cleaner removes
// and what the verifier must never find in the output.
import type { Dataset } from '../../dicom/dataset.js';
import { textValue } from '../../dicom/values.js';

const PATIENT_NAME = 0x00100010;
const PATIENT_ID = 0x00100020;
const OTHER_PATIENT_IDS = 0x00101000;
const ACCESSION = 0x00080050;
const BIRTH_DATE = 0x00100030;

/** Person names: patient, relatives, physicians, operators, observers. */
const NAME_TAGS = new Set([
  PATIENT_NAME, 0x00101001, 0x00101005, 0x00101060, 0x00080090, 0x0008009c, 0x00081048, 0x00081050, 0x00081060,
  0x00081070, 0x00321032, 0x00400006, 0x00402008, 0x0040a123, 0x0040a075, 0x00700084, 0x300e0008, 0x300600a6,
  0x00404037, 0x00401010,
]);
/** Identifiers: patient IDs, accession, admission, order numbers, record locator, requested procedure ID. */
const ID_TAGS = new Set([PATIENT_ID, OTHER_PATIENT_IDS, ACCESSION, 0x00380010, 0x00101090, 0x00402016, 0x00402017, 0x00401001]);
/** Addresses, telephone numbers, institution and department. */
const PLACE_TAGS = new Set([0x00101040, 0x00080081, 0x00102154, 0x00080094, 0x00402010, 0x00080080, 0x00081040, 0x0040a353]);

const INSTITUTION_TAGS = new Set([0x00080080, 0x00081040]);

export interface IdentifyingValues {
  /** Whole values (names, IDs, accession, birth date forms, addresses, phones): searched in every value. */
  needles: Set<string>;
  /**
   * Name components and institution names: searched in every value except vocabulary (CS, codes,
   * manufacturer), where words like "Perfusion", "Test" or "Here" occur as terms, not as leaks.
   */
  weakNeedles: Set<string>;
  /** Tokens the descriptor cleaner removes: patient name parts, IDs, accession, birth date formats. */
  cleanerTokens: Set<string>;
  birthDate?: string;
}

export function birthDateForms(date: string): string[] {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date.trim());
  if (!m) return [];
  const [, y, mo, d] = m;
  const yy = y.slice(2);
  return [
    `${y}${mo}${d}`, `${y}-${mo}-${d}`, `${y}.${mo}.${d}`, `${y}/${mo}/${d}`, `${d}.${mo}.${y}`, `${d}/${mo}/${y}`,
    `${d}-${mo}-${y}`, `${mo}/${d}/${y}`, `${d}.${mo}.${yy}`, `${d}/${mo}/${yy}`, `${d}${mo}${yy}`, `${d}${mo}${y}`,
  ];
}

export function nameParts(value: string): string[] {
  return value.split(/[\^=\s,]+/).map((p) => p.trim()).filter((p) => p.length > 0);
}

export function collectIdentity(buf: Buffer, root: Dataset): IdentifyingValues {
  const needles = new Set<string>();
  const weakNeedles = new Set<string>();
  const cleanerTokens = new Set<string>();
  let birthDate: string | undefined;
  const visit = (dataset: Dataset): void => {
    for (const el of dataset.elements) {
      if (el.items) {
        for (const item of el.items) visit(item.dataset);
        continue;
      }
      const tag = el.tag;
      if (!NAME_TAGS.has(tag) && !ID_TAGS.has(tag) && !PLACE_TAGS.has(tag) && tag !== BIRTH_DATE) continue;
      const text = textValue(buf, el);
      if (!text) continue;
      if (tag === BIRTH_DATE) {
        birthDate ??= text.trim();
        for (const form of birthDateForms(text)) {
          needles.add(form);
          cleanerTokens.add(form);
        }
        continue;
      }
      for (const value of text.split('\\')) {
        const whole = value.trim();
        if (!whole) continue;
        if (INSTITUTION_TAGS.has(tag)) weakNeedles.add(whole);
        else needles.add(whole);
        if (NAME_TAGS.has(tag)) {
          const parts = nameParts(whole);
          for (const part of parts) weakNeedles.add(part);
          if (tag === PATIENT_NAME) for (const part of parts) cleanerTokens.add(part);
          needles.add(parts.join(' '));
        } else if (tag === PATIENT_ID || tag === OTHER_PATIENT_IDS || tag === ACCESSION) {
          cleanerTokens.add(whole);
        }
        if (tag === 0x00102154 || tag === 0x00080094 || tag === 0x00402010) {
          const digits = whole.replace(/\D/g, '');
          if (digits.length >= 6) needles.add(digits);
        }
      }
    }
  };
  visit(root);
  return { needles, weakNeedles, cleanerTokens, birthDate };
}
