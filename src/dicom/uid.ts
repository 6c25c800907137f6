// UID facts (PS3.5 9.1): digits and dots, no leading zeros in a component, at most 64 characters.

const VALID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

export function isValidUid(uid: string): boolean {
  return uid.length > 0 && uid.length <= 64 && VALID.test(uid);
}

/** Trailing NUL and space padding removed (the form UIDs are compared and hashed in). */
export function normalizeUid(value: string): string {
  return value.replace(/[\0 ]+$/, '');
}

/** Standard UIDs (SOP classes, transfer syntaxes, coding schemes...) are under this root and are never remapped. */
export const DICOM_ROOT = '1.2.840.10008.';

/** Fiona's implementation class UID for file meta (0002,0012), under MMIV's PEN. */
export const FIONA_IMPLEMENTATION_UID = '1.3.6.1.4.1.45037.1.1';
export const FIONA_IMPLEMENTATION_VERSION = 'FIONA_TS_0.1';
