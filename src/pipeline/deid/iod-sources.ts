// What Part3.xml does not say and the attribute type table needs: which IOD a SOP class instantiates
// (PS3.4 Annex B and PS3.3 Annex A, by name) and which functional group macros each enhanced multi-frame IOD
// allows (PS3.3 "Functional Group Macros" tables of Annex A, e.g. A.36-2; GDCM's XML lacks them).
// Input of iod-codegen.ts only; the engine reads the generated table.

/** The union of all composite IODs below: the types used for SOP classes the table does not know. */
export const COMPOSITE_IOD = 'composite';

const S = '1.2.840.10008.5.1.4.1.1.';

/** SOP Class UID -> IOD table of Part3.xml (edition 2008: later classes fall back to COMPOSITE_IOD). */
export const SOP_CLASS_IODS: Record<string, string> = {
  [`${S}1`]: 'A.2-1', // Computed Radiography
  [`${S}1.1`]: 'A.26-1', // Digital X-Ray, for presentation
  [`${S}1.1.1`]: 'A.26-1', // Digital X-Ray, for processing
  [`${S}1.2`]: 'A.27-1', // Digital Mammography X-Ray, for presentation
  [`${S}1.2.1`]: 'A.27-1',
  [`${S}1.3`]: 'A.28-1', // Digital Intra-oral X-Ray, for presentation
  [`${S}1.3.1`]: 'A.28-1',
  [`${S}2`]: 'A.3-1', // CT
  [`${S}2.1`]: 'A.38-1', // Enhanced CT
  [`${S}3`]: 'A.7-1', // Ultrasound Multi-frame (retired UID)
  [`${S}3.1`]: 'A.7-1', // Ultrasound Multi-frame
  [`${S}4`]: 'A.4-1', // MR
  [`${S}4.1`]: 'A.36-1', // Enhanced MR
  [`${S}4.2`]: 'A.36-3', // MR Spectroscopy
  [`${S}5`]: 'A.5-1', // Nuclear Medicine (retired UID)
  [`${S}20`]: 'A.5-1', // Nuclear Medicine
  [`${S}6`]: 'A.6-1', // Ultrasound (retired UID)
  [`${S}6.1`]: 'A.6-1', // Ultrasound
  [`${S}7`]: 'A.8-1', // Secondary Capture
  [`${S}7.1`]: 'A.8-2', // Multi-frame Single Bit SC
  [`${S}7.2`]: 'A.8-3', // Multi-frame Grayscale Byte SC
  [`${S}7.3`]: 'A.8-4', // Multi-frame Grayscale Word SC
  [`${S}7.4`]: 'A.8-5', // Multi-frame True Color SC
  [`${S}9.1.1`]: 'A.34.3-1', // 12-lead ECG
  [`${S}9.1.2`]: 'A.34.4-1', // General ECG
  [`${S}9.1.3`]: 'A.34.5-1', // Ambulatory ECG
  [`${S}9.2.1`]: 'A.34.6-1', // Hemodynamic
  [`${S}9.3.1`]: 'A.34.7-1', // Basic Cardiac Electrophysiology
  [`${S}9.4.1`]: 'A.34.2-1', // Basic Voice Audio
  [`${S}11.1`]: 'A.33.1-1', // Grayscale Softcopy Presentation State
  [`${S}11.2`]: 'A.33.2-1', // Color Softcopy Presentation State
  [`${S}11.3`]: 'A.33.3-1', // Pseudo-Color Softcopy Presentation State
  [`${S}11.4`]: 'A.33.4-1', // Blending Softcopy Presentation State
  [`${S}12.1`]: 'A.14-1', // X-Ray Angiographic
  [`${S}12.1.1`]: 'A.47-1', // Enhanced XA
  [`${S}12.2`]: 'A.16-1', // X-Ray Radiofluoroscopic
  [`${S}12.2.1`]: 'A.48.-1', // Enhanced XRF (the XML's table number)
  [`${S}13.1.1`]: 'A.53-1', // X-Ray 3D Angiographic
  [`${S}13.1.2`]: 'A.54-1', // X-Ray 3D Craniofacial
  [`${S}66`]: 'A.37-1', // Raw Data
  [`${S}66.1`]: 'A.39.1-1', // Spatial Registration
  [`${S}66.2`]: 'A.40-1', // Spatial Fiducials
  [`${S}66.3`]: 'A.39.2-1', // Deformable Spatial Registration
  [`${S}66.4`]: 'A.51-1', // Segmentation
  [`${S}67`]: 'A.46-1', // Real World Value Mapping
  [`${S}77.1.1`]: 'A.32.1-1', // VL Endoscopic
  [`${S}77.1.1.1`]: 'A.32.5-1', // Video Endoscopic
  [`${S}77.1.2`]: 'A.32.1-2', // VL Microscopic
  [`${S}77.1.2.1`]: 'A.32.6-1', // Video Microscopic
  [`${S}77.1.3`]: 'A.32.1-3', // VL Slide-Coordinates Microscopic
  [`${S}77.1.4`]: 'A.32.4-1', // VL Photographic
  [`${S}77.1.4.1`]: 'A.32.7-1', // Video Photographic
  [`${S}77.1.5.1`]: 'A.41-1', // Ophthalmic Photography 8 Bit
  [`${S}77.1.5.2`]: 'A.42-1', // Ophthalmic Photography 16 Bit
  [`${S}77.1.5.3`]: 'A.43-2', // Stereometric Relationship
  [`${S}77.1.5.4`]: 'A.52.3-1', // Ophthalmic Tomography
  [`${S}88.11`]: 'A.35.1-1', // Basic Text SR
  [`${S}88.22`]: 'A.35.2-1', // Enhanced SR
  [`${S}88.33`]: 'A.35.3-1', // Comprehensive SR
  [`${S}88.40`]: 'A.35.7-1', // Procedure Log
  [`${S}88.50`]: 'A.35.5-1', // Mammography CAD SR
  [`${S}88.59`]: 'A.35.4-1', // Key Object Selection Document
  [`${S}88.65`]: 'A.35.6-1', // Chest CAD SR
  [`${S}88.67`]: 'A.35.8-1', // X-Ray Radiation Dose SR
  [`${S}104.1`]: 'A.45.1-1', // Encapsulated PDF
  [`${S}104.2`]: 'A.45.2-1', // Encapsulated CDA
  [`${S}128`]: 'A.21.3-1', // Positron Emission Tomography
  [`${S}481.1`]: 'A.17.3-1', // RT Image
  [`${S}481.2`]: 'A.18.3-1', // RT Dose
  [`${S}481.3`]: 'A.19.3-1', // RT Structure Set
  [`${S}481.4`]: 'A.29.3-1', // RT Beams Treatment Record
  [`${S}481.5`]: 'A.20.3-1', // RT Plan
  [`${S}481.6`]: 'A.30.3-1', // RT Brachy Treatment Record
  [`${S}481.7`]: 'A.31.3-1', // RT Treatment Summary Record
  [`${S}481.8`]: 'A.49-1', // RT Ion Plan
  [`${S}481.9`]: 'A.50-1', // RT Ion Beams Treatment Record
  '1.3.12.2.1107.5.9.1': 'CSA.1', // Siemens CSA Non-Image
};

// Functional group macros (PS3.3 C.7.6.16 and the modality sections), by their table in Part3.xml.
const PIXEL_MEASURES = 'C.7.6.16-2';
const FRAME_CONTENT = 'C.7.6.16-3';
const PLANE_POSITION = 'C.7.6.16-4';
const PLANE_ORIENTATION = 'C.7.6.16-5';
const REFERENCED_IMAGE = 'C.7.6.16-6';
const DERIVATION_IMAGE = 'C.7.6.16-7';
const CARDIAC_SYNCHRONIZATION = 'C.7.6.16-8';
const FRAME_ANATOMY = 'C.7.6.16-9';
const PIXEL_VALUE_TRANSFORMATION = 'C.7.6.16-10';
const FRAME_VOI_LUT = 'C.7.6.16-11';
const REAL_WORLD_VALUE_MAPPING = 'C.7.6.16-12';
const CONTRAST_BOLUS_USAGE = 'C.7.16-13';
const PIXEL_INTENSITY_RELATIONSHIP_LUT = 'C.7.6.16-14';
const FRAME_PIXEL_SHIFT = 'C.7.6.16-15';
const PATIENT_ORIENTATION_IN_FRAME = 'C.7.6.16-16';
const FRAME_DISPLAY_SHUTTER = 'C.7.6.16-17';
const RESPIRATORY_SYNCHRONIZATION = 'C.7.6.16-18';
const IRRADIATION_EVENT_IDENTIFICATION = 'C.7.6.16-19';

const GEOMETRY = [PIXEL_MEASURES, FRAME_CONTENT, PLANE_POSITION, PLANE_ORIENTATION, REFERENCED_IMAGE, DERIVATION_IMAGE];
const MR = ['C.8-88', 'C.8-89', 'C.8-90', 'C.8-91', 'C.8-92', 'C.8-93', 'C.8-94', 'C.8-95', 'C.8-96', 'C.8-97', 'C.8-98', 'C.8-99', 'C.8-100'];
const CT = ['C.8-117', 'C.8-118', 'C.8-119', 'C.8-120', 'C.8-121', 'C.8-122', 'C.8-123', 'C.8-124', 'C.8-125', 'C.8-126', 'C.8-126b'];
const XA = Array.from({ length: 14 }, (_, i) => `C.8.19.6-${i + 1}`);
const XA_COMMON = [PIXEL_MEASURES, FRAME_CONTENT, REFERENCED_IMAGE, DERIVATION_IMAGE, CARDIAC_SYNCHRONIZATION, FRAME_ANATOMY,
  PIXEL_VALUE_TRANSFORMATION, FRAME_VOI_LUT, CONTRAST_BOLUS_USAGE, PIXEL_INTENSITY_RELATIONSHIP_LUT, FRAME_PIXEL_SHIFT,
  PATIENT_ORIENTATION_IN_FRAME, FRAME_DISPLAY_SHUTTER, RESPIRATORY_SYNCHRONIZATION, IRRADIATION_EVENT_IDENTIFICATION];
const SC_MULTIFRAME = [...GEOMETRY, FRAME_VOI_LUT, REAL_WORLD_VALUE_MAPPING];

/** IOD table -> the functional group macros its Shared and Per-frame Functional Groups Sequence items may hold. */
export const FUNCTIONAL_GROUPS: Record<string, string[]> = {
  'A.36-1': [...GEOMETRY, CARDIAC_SYNCHRONIZATION, FRAME_ANATOMY, PIXEL_VALUE_TRANSFORMATION, FRAME_VOI_LUT, REAL_WORLD_VALUE_MAPPING,
    CONTRAST_BOLUS_USAGE, RESPIRATORY_SYNCHRONIZATION, ...MR], // Enhanced MR (A.36-2)
  'A.36-3': [...GEOMETRY, CARDIAC_SYNCHRONIZATION, FRAME_ANATOMY, CONTRAST_BOLUS_USAGE, RESPIRATORY_SYNCHRONIZATION,
    'C.8-89', 'C.8-91', 'C.8-92', 'C.8-94', 'C.8-95', 'C.8-97', 'C.8-98', 'C.8-100', 'C.8-104', 'C.8-105'], // MR Spectroscopy (A.36-4)
  'A.38-1': [...GEOMETRY, CARDIAC_SYNCHRONIZATION, FRAME_ANATOMY, FRAME_VOI_LUT, REAL_WORLD_VALUE_MAPPING, CONTRAST_BOLUS_USAGE,
    RESPIRATORY_SYNCHRONIZATION, IRRADIATION_EVENT_IDENTIFICATION, ...CT], // Enhanced CT (A.38-2)
  'A.47-1': [...XA_COMMON, ...XA], // Enhanced XA (A.47-2)
  'A.48.-1': [...XA_COMMON, ...XA], // Enhanced XRF (A.48-2)
  'A.51-1': [...GEOMETRY, FRAME_ANATOMY, 'C.8.20-3'], // Segmentation (A.51-2)
  'A.52.3-1': [...GEOMETRY, CARDIAC_SYNCHRONIZATION, FRAME_ANATOMY, FRAME_VOI_LUT, 'C.8.17.10-1'], // Ophthalmic Tomography (A.52.4-1)
  'A.53-1': [...GEOMETRY, CARDIAC_SYNCHRONIZATION, FRAME_ANATOMY, PIXEL_VALUE_TRANSFORMATION, FRAME_VOI_LUT, REAL_WORLD_VALUE_MAPPING,
    CONTRAST_BOLUS_USAGE, RESPIRATORY_SYNCHRONIZATION, IRRADIATION_EVENT_IDENTIFICATION, 'C.8.21.5.1-1'], // X-Ray 3D Angiographic
  'A.54-1': [...GEOMETRY, FRAME_ANATOMY, PIXEL_VALUE_TRANSFORMATION, FRAME_VOI_LUT, REAL_WORLD_VALUE_MAPPING,
    IRRADIATION_EVENT_IDENTIFICATION, 'C.8.21.5.1-1'], // X-Ray 3D Craniofacial
  'A.8-3': SC_MULTIFRAME, // Multi-frame Grayscale Byte SC
  'A.8-4': SC_MULTIFRAME, // Multi-frame Grayscale Word SC
  'A.8-5': SC_MULTIFRAME, // Multi-frame True Color SC
};

/**
 * Type 1 and 2 attributes that later editions of PS3.3 added to a module (Part3.xml is the 2008 edition), by
 * the module's section: without them a choice would resolve to X where today's standard needs Z or D.
 * Found by the dciodvfy test over the test data; add a row when it finds another.
 */
export const MODULE_ADDITIONS: Record<string, Array<{ tag: string; type: '1' | '2'; name: string }>> = {
  'C.8.8.1': [{ tag: '00081070', type: '2', name: "Operators' Name" }], // RT Series
};

/** Include rows that name no table, on purpose: "any other attribute of…", the functional group placeholders. */
export const UNRESOLVABLE_INCLUDES: RegExp[] = [
  /^Any (other )?Attribute/i,
  /Functional Group Macros/,
  /private attributes/i,
  /Record Selection Keys/,
];
