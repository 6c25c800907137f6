// How Fiona resolves PS3.15 Table E.1-1 (basic profile + option columns) into one action per attribute,
// following DEID-SPEC section 1. Used by scripts/gen-deid-rules.ts to write rules.generated.ts, so the
// committed table shows the final action for every tag and a policy change shows up as a reviewable diff.

/**
 * remove: X. empty: Z (a zero-length value; a sequence with no items). dummy: D (VR-dependent dummy).
 * uid: U (remap). keep: K. date: shift DA/DT, keep TM, remove anything else (Modified Dates option).
 * clean: descriptor cleaner for text, recurse for sequences. recurse: keep a sequence and apply the rules inside.
 */
export type Action = 'remove' | 'empty' | 'dummy' | 'uid' | 'keep' | 'date' | 'clean' | 'recurse';

export interface TableEntry {
  id: string;
  name: string;
  basicProfile: string;
  rtnLongModifDatesOpt?: string;
  rtnPatCharsOpt?: string;
  rtnDevIdOpt?: string;
  cleanDescOpt?: string;
  cleanStructContOpt?: string;
  cleanGraphOpt?: string;
}

/** Descriptors that Clean Descriptors keeps after cleaning (spec section 1); other X descriptors go. */
export const CLEANED_DESCRIPTORS = new Set([
  '00081030', // StudyDescription
  '0008103e', // SeriesDescription
  '00181030', // ProtocolName
  '00321060', // RequestedProcedureDescription
  '00400254', // PerformedProcedureStepDescription
  '00181400', // AcquisitionDeviceProcessingDescription
  '00180010', // ContrastBolusAgent
]);

/** Decisions of the spec that differ from what the option columns alone would give. */
export const OVERRIDES: Record<string, Action> = {
  '00081010': 'remove', // StationName: removed although Retain Device Identity is on (spec section 1)
  '00400242': 'remove', // PerformedStationName: the same value as StationName in practice
  '00102110': 'remove', // Allergies: stricter than the C that Retain Patient Characteristics allows
  '00380500': 'remove', // PatientState: idem
  '00080201': 'remove', // TimezoneOffsetFromUTC (spec section 4)
  '00400555': 'remove', // AcquisitionContextSequence (spec section 1, Clean Structured Content)
  '00081072': 'remove', // OperatorIdentificationSequence: X/D, and its items identify the operator
  '00401101': 'remove', // PersonIdentificationCodeSequence: its code values are personal identifiers
  '00700008': 'remove', // TextObjectSequence: free text in presentation states (Clean Graphics)
  '0040a160': 'clean', // TextValue of SR TEXT items: not in Table E.1-1, cleaned under Clean Structured Content
  '00100030': 'empty', // PatientBirthDate: Z (spec section 4), never shifted
  '00101010': 'keep', // PatientAge: Retain Patient Characteristics (computed when missing)
};

/** One action per attribute, options resolved as DEID-SPEC section 1 says. */
export function resolveAction(entry: TableEntry): Action {
  const override = OVERRIDES[entry.id];
  if (override) return override;
  if (entry.rtnLongModifDatesOpt === 'C') return 'date';
  if (entry.rtnPatCharsOpt === 'K') return 'keep';
  if (entry.rtnDevIdOpt === 'K') return 'keep';
  if (entry.cleanStructContOpt === 'C') return 'clean';
  if (entry.cleanGraphOpt === 'C') return entry.basicProfile === 'X' ? 'remove' : 'recurse';
  if (entry.cleanDescOpt === 'C') {
    if (CLEANED_DESCRIPTORS.has(entry.id)) return 'clean';
    return entry.basicProfile === 'X' ? 'remove' : 'clean';
  }
  switch (entry.basicProfile) {
    case 'U':
      return 'uid';
    case 'X':
      return 'remove';
    case 'K':
      return 'keep';
    case 'D':
    case 'X/D':
      return 'dummy';
    case 'X/Z/U*':
      return 'recurse';
    default:
      // Z, X/Z, Z/D, X/Z/D: an empty value is conformant wherever any of them is, and carries nothing.
      return 'empty';
  }
}
