// Run-time lookups over the generated table plus the rules that are not single tags: private groups,
// repeating curve/overlay groups, UID exemptions and the technical LO/SH allow-list (spec sections 3 and 5).
import { generatedRules } from './rules.generated.js';
import { OVERRIDES, type Action } from './profile.js';

const table = new Map<number, Action>(generatedRules.map(([tag, action]) => [tag, action]));
// Spec decisions on attributes Table E.1-1 does not list (e.g. TextValue) are not in the generated rows.
for (const [id, action] of Object.entries(OVERRIDES)) {
  const tag = parseInt(id, 16) >>> 0;
  if (!table.has(tag)) table.set(tag, action);
}

export function tableAction(tag: number): Action | undefined {
  return table.get(tag);
}

/** Attributes whose action the spec decides itself: never resolved by the IOD (the spec wins). */
export const SPEC_DECISIONS: ReadonlySet<number> = new Set(Object.keys(OVERRIDES).map((id) => parseInt(id, 16) >>> 0));

export function isCurveGroup(group: number): boolean {
  return (group & 0xff00) === 0x5000;
}

export function isOverlayGroup(group: number): boolean {
  return (group & 0xff00) === 0x6000 && (group & 1) === 0;
}

/**
 * Patient characteristics that Retain Patient Characteristics keeps because research needs them (spec section
 * 1, revised): age, sex, size, weight, pregnancy status, species and breed. A kept value that equals an
 * identifying value of the instance is emptied (engine.ts), never kept and never a reason to refuse.
 */
export const PATIENT_CHARACTERISTICS = new Set([
  0x00101010, // PatientAge
  0x00100040, // PatientSex
  0x00101020, // PatientSize
  0x00101030, // PatientWeight
  0x001021c0, // PregnancyStatus
  0x00102201, // PatientSpeciesDescription
  0x00102292, // PatientBreedDescription
]);

/** UI elements that hold class or syntax UIDs, which identify no one and must stay as they are. */
export const UID_EXEMPT = new Set([
  0x00080016, // SOPClassUID
  0x00081150, // ReferencedSOPClassUID
  0x0008001a, // RelatedGeneralSOPClassUID
  0x0008001b, // OriginalSpecializedSOPClassUID
  0x00080062, // SOPClassesInStudy
  0x00041510, // ReferencedSOPClassUIDInFile
  0x00041512, // ReferencedTransferSyntaxUIDInFile
  0x00020002, // MediaStorageSOPClassUID
  0x00020010, // TransferSyntaxUID
  0x00020100, // PrivateInformationCreatorUID
  0x0008010c, // CodingSchemeUID
  0x04000010, // MACCalculationTransferSyntaxUID
]);

/** Project-keyed tags of the original system; only these get legacy UIDs in legacy mode. */
export const LEGACY_UID_TAGS = new Set([0x00200052, 0x30060024, 0x00081155, 0x300600c2, 0x0020000e, 0x00080018, 0x0020000d]);

/**
 * Public LO/SH attributes that the table does not name but that are technical, not personal: kept.
 * Every other unnamed LO/SH is removed and written to the audit list, so this list grows through review.
 */
export const TECHNICAL_TEXT = new Set([
  0x00080070, // Manufacturer
  0x00081090, // ManufacturerModelName
  0x00181020, // SoftwareVersions
  0x00180024, // SequenceName
  0x00181210, // ConvolutionKernel
  0x00181250, // ReceiveCoilName
  0x00181251, // TransmitCoilName
  0x00189005, // PulseSequenceName
  0x00181160, // FilterType
  0x00181180, // CollimatorGridName
  0x00700080, // ContentLabel (PR, SEG: a code string)
  0x00620005, // SegmentLabel
  0x00080100, // CodeValue
  0x00080102, // CodingSchemeDesignator
  0x00080103, // CodingSchemeVersion
  0x00080104, // CodeMeaning
  0x00080105, // MappingResource
  0x00080119, // LongCodeValue
  0x00080122, // MappingResourceName
  0x0008010f, // ContextIdentifier
  0x00080109, // CodingSchemeResponsibleOrganization
  0x00283003, // LUTExplanation
  0x00281055, // WindowCenterWidthExplanation
  0x00540400, // ImageID
  0x00180031, // Radiopharmaceutical
  0x00209421, // DimensionDescriptionLabel
  0x00209056, // StackID (Frame Content: In-Stack Position Number is required where it is present)
  0x00209213, // DimensionIndexPrivateCreator
  0x00209238, // FunctionalGroupPrivateCreator
  0x00409210, // LUTLabel
  0x00189050, // TransmitCoilManufacturerName
  0x00189041, // ReceiveCoilManufacturerName
  0x300a00b3, // PrimaryDosimeterUnit
  0x300a0004, // PlanIntent
  0x300a0003, // RTPlanName
  0x300a00c2, // BeamName
  0x00181016, // SecondaryCaptureDeviceManufacturer
  0x00181018, // SecondaryCaptureDeviceManufacturerModelName
  0x00181019, // SecondaryCaptureDeviceSoftwareVersions
]);
