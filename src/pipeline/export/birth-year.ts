// The `birthYear` export transform: a participant's birth year, kept at assignment where the project is
// approved for it, written back into the exported copies only — the research PACS keeps PatientBirthDate
// empty. DICOM gets PatientBirthDate = YYYY0101: DA has no year-only form, and the de-identification
// spec's convention for a year-precision date is its 1 January (DEID-SPEC section 4, "YYYY → YYYY0101").
// The year is not shifted: it is a patient characteristic released under the project's approval, kept
// real like PatientAge (section 1), and a shifted year would be a wrong year for most participants.
// NIfTI sidecars get `PatientBirthYear` (dcm2niix's anonymised sidecar carries no birth date, and BIDS
// names no birth field, so the key says plainly that only the year is there).
import { readFile, writeFile } from 'node:fs/promises';
import { encodeFileMeta } from '../../dicom/meta.js';
import { EditSet } from '../../dicom/edits.js';
import { textBytes, textElement } from '../../dicom/encode.js';
import { metaString, parseDicom } from '../../dicom/parse.js';
import { EXPLICIT_VR_LE, isDeflated } from '../../dicom/transfer-syntax.js';
import { FIONA_IMPLEMENTATION_UID } from '../../dicom/uid.js';
import { findElement, findText } from '../../dicom/values.js';
import { writeDataset } from '../../dicom/write.js';

const PATIENT_BIRTH_DATE = 0x00100030;

/** The DA value written for a birth year. */
export function birthDateOfYear(year: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error('a birth year has four digits');
  return `${year}0101`;
}

/** The same Part-10 instance with PatientBirthDate set to YYYY0101 (everything else copied byte for byte). */
export function withBirthYear(input: Buffer, year: number): Buffer {
  const parsed = parseDicom(input);
  const edits = new EditSet();
  const value = textBytes(birthDateOfYear(year), 'DA');
  const el = findElement(parsed.dataset, PATIENT_BIRTH_DATE);
  if (el) edits.replace(parsed.dataset, el, value);
  else edits.insert(parsed.dataset, textElement(PATIENT_BIRTH_DATE, 'DA', birthDateOfYear(year)));
  // A deflated file is written inflated (explicit VR LE): the edit is made in the inflated body.
  const chunks: Uint8Array[] = [
    encodeFileMeta({
      mediaStorageSopClassUid: metaString(parsed, 0x00020002) ?? findText(parsed.buffer, parsed.dataset, 0x00080016) ?? '',
      mediaStorageSopInstanceUid: metaString(parsed, 0x00020003) ?? findText(parsed.buffer, parsed.dataset, 0x00080018) ?? '',
      transferSyntaxUid: isDeflated(parsed.transferSyntaxUid) ? EXPLICIT_VR_LE : parsed.transferSyntaxUid,
      implementationClassUid: metaString(parsed, 0x00020012) || FIONA_IMPLEMENTATION_UID,
    }),
  ];
  writeDataset(parsed.buffer, parsed.dataset, edits, chunks);
  return Buffer.concat(chunks);
}

/** Rewrites a retrieved instance in place with the birth year. */
export async function writeBirthYearInto(file: string, year: number): Promise<void> {
  await writeFile(file, withBirthYear(await readFile(file), year));
}

/** Adds `PatientBirthYear` to a dcm2niix JSON sidecar in place. */
export async function addBirthYearToSidecar(file: string, year: number): Promise<void> {
  const sidecar = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  sidecar.PatientBirthYear = year;
  await writeFile(file, `${JSON.stringify(sidecar, null, '\t')}\n`);
}
