// Value representation facts the parser and writer need (PS3.5 6.2, 7.1.2).

/** VRs whose explicit encoding has 2 reserved bytes and a 32-bit length. */
const LONG_HEADER = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

export function hasLongHeader(vr: string): boolean {
  return LONG_HEADER.has(vr);
}

/** Character-string VRs: padded with a space to even length. */
const TEXT = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UR', 'UT']);

export function isTextVr(vr: string): boolean {
  return TEXT.has(vr);
}

/** Binary numeric VRs: values that cannot carry text, so a leak scan can skip them. */
const NUMERIC = new Set(['AT', 'FD', 'FL', 'OD', 'OF', 'OL', 'OV', 'OW', 'SL', 'SS', 'SV', 'UL', 'US', 'UV']);

export function isNumericBinaryVr(vr: string): boolean {
  return NUMERIC.has(vr);
}

/** Maximum value length in characters (bytes for single-byte sets), for the VRs we write text into. */
export const MAX_LENGTH: Record<string, number> = {
  AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, PN: 64, SH: 16, ST: 1024, TM: 14, UI: 64, LT: 10240,
};

export function paddingFor(vr: string): number {
  return vr === 'UI' || vr === 'OB' || vr === 'UN' ? 0x00 : 0x20;
}

/** Two upper-case ASCII letters: anything else in an explicit-VR header means the file is not what it claims. */
export function isValidVrCode(a: number, b: number): boolean {
  return a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a;
}
