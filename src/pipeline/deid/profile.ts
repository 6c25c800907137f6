// How Fiona resolves PS3.15 Table E.1-1 (basic profile + option columns) into one action per attribute,
// following DEID-SPEC section 1. Used by scripts/gen-deid-rules.ts to write rules.generated.ts, so the
// committed table shows the final action for every tag and a policy change shows up as a reviewable diff.

/**
 * remove: X. empty: Z (a zero-length value; a sequence with no items). dummy: D (VR-dependent dummy).
 * X/Z, X/D, Z/D, X/Z/D: PS3.15's choices, resolved per instance by the attribute's type in the object's IOD
 * (Type 1: D, Type 2: Z, Type 3 or in no module of the IOD: X; see engine.ts).
 * uid: U (remap). keep: K. date: shift DA/DT, keep TM, remove anything else (Modified Dates option).
 * clean: descriptor cleaner for text, recurse for sequences. recurse: keep a sequence and apply the rules inside.
 */
export type Choice = 'X/Z' | 'X/D' | 'Z/D' | 'X/Z/D';
export type Action = 'remove' | 'empty' | 'dummy' | Choice | 'uid' | 'keep' | 'date' | 'clean' | 'recurse';

export const CHOICES: ReadonlySet<string> = new Set<Choice>(['X/Z', 'X/D', 'Z/D', 'X/Z/D']);

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
  '00400555': 'empty', // AcquisitionContextSequence: emptied, never removed (spec section 1, Clean Structured Content)
  '00081072': 'remove', // OperatorIdentificationSequence: X/D, and its items identify the operator
  '00401101': 'remove', // PersonIdentificationCodeSequence: its code values are personal identifiers
  '00700008': 'remove', // TextObjectSequence: free text in presentation states (Clean Graphics)
  '0040a160': 'clean', // TextValue of SR TEXT items: not in Table E.1-1, cleaned under Clean Structured Content
  '00100030': 'empty', // PatientBirthDate: Z (spec section 4), never shifted
  '00101010': 'keep', // PatientAge: Retain Patient Characteristics (computed when missing)
  // Retain Patient Characteristics keeps only what research needs (spec section 1, revised): the rest goes.
  '00102160': 'remove', // EthnicGroup
  '001021a0': 'remove', // SmokingStatus
  '00102203': 'remove', // PatientSexNeutered
  '00102298': 'remove', // ResponsiblePersonRole (not in Table E.1-1; a CS the unlisted rule would keep)
  '00100035': 'remove', // PatientAlternativeCalendar (idem)
  '00102294': 'remove', // BreedRegistrationSequence: registration numbers identify the animal
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
      return 'dummy';
    case 'Z':
      return 'empty';
    case 'X/Z/U*':
      return 'recurse'; // kept, UIDs remapped: allowed whatever the type
    case 'X/Z':
    case 'X/D':
    case 'Z/D':
    case 'X/Z/D':
      return entry.basicProfile; // resolved per IOD at run time
    default:
      throw new Error(`unknown PS3.15 action ${entry.basicProfile} for ${entry.id}`);
  }
}
