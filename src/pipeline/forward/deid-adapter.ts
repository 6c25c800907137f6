// One instance from the quarantine, de-identified for its transfer (its context made by
// deid/project-context.ts): the wire dataset (no preamble, no file meta) ready for C-STORE. A derived
// instance (made on a workstation from research data) first gets its original study's UID back, so the
// keyed mapping lands it in the same research study.
import { datasetOffset, encodeFileMeta } from '../../dicom/meta.js';
import { metaString, parseDicom } from '../../dicom/parse.js';
import { EditSet } from '../../dicom/edits.js';
import { textBytes } from '../../dicom/encode.js';
import { EXPLICIT_VR_LE, isDeflated } from '../../dicom/transfer-syntax.js';
import { FIONA_IMPLEMENTATION_UID } from '../../dicom/uid.js';
import { findElement, findText } from '../../dicom/values.js';
import { writeDataset } from '../../dicom/write.js';
import { deidentify, type DeidContext } from '../deid/index.js';
import type { PixelEdits } from '../deid/deidentify.js';
import type { PixelReport } from '../deid/report.js';
import type { PixelSettings } from '../deid/pixels/analyse.js';
import { runPixelStage } from '../deid/pixels/stage.js';
import { observeTags, type TagObservation } from '../deid/inventory.js';
import type { Rect } from '../deid/pixels/geometry.js';

const STUDY_UID = 0x0020000d;
const SERIES_UID = 0x0020000e;

export interface PreparedInstance {
  sopClassUid: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  studyInstanceUid: string;
  transferSyntaxUid: string;
  modality: string | null;
  studyDate: string | null;
  /** The dataset as it goes on the wire: a view into the de-identified Part-10 bytes. */
  dataset: Buffer;
  /** The whole de-identified Part-10 file (`fiona deid` writes it). */
  file: Buffer;
  /** What the pixel stage did (absent when it did not run). */
  pixels?: PixelReport;
  /** Why the pixels may carry burned-in identity (empty: not at risk). */
  atRiskReasons: string[];
  /** Every tag path of the output with its shown value, for the project's tag inventory (Review page). */
  tags: TagObservation[];
}

/** The same instance with its StudyInstanceUID replaced (everything else copied byte for byte). */
export function withStudyUid(input: Buffer, studyInstanceUid: string): Buffer {
  const parsed = parseDicom(input);
  const el = findElement(parsed.dataset, STUDY_UID);
  if (!el) throw new Error('no StudyInstanceUID to replace');
  const edits = new EditSet();
  edits.replace(parsed.dataset, el, textBytes(studyInstanceUid, 'UI'));
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

function describe(output: Buffer, transferSyntaxUid: string, sopInstanceUid: string, atRiskReasons: string[], pixels?: PixelReport): PreparedInstance {
  const parsed = parseDicom(output);
  const text = (tag: number) => findText(parsed.buffer, parsed.dataset, tag) ?? null;
  return {
    sopClassUid: text(0x00080016) ?? metaString(parsed, 0x00020002) ?? '',
    sopInstanceUid,
    seriesInstanceUid: text(SERIES_UID) ?? '',
    studyInstanceUid: text(STUDY_UID) ?? '',
    transferSyntaxUid,
    modality: text(0x00080060),
    studyDate: text(0x00080020),
    dataset: output.subarray(datasetOffset(output)),
    file: output,
    atRiskReasons,
    pixels,
    tags: observeTags(parsed.buffer, parsed.dataset),
  };
}

/** For a derived instance: the original study it was made from, and the research study it must land in. */
export interface DerivedFrom {
  derivedFrom: string;
  researchStudyUid: string;
}

/**
 * De-identify one instance. Throws DeidRefusal when it must not leave. For a derived instance `derivedFrom`
 * names the original study and `researchStudyUid` the study it must land in.
 */
export function prepareInstance(input: Buffer, context: DeidContext, derived?: DerivedFrom, pixels?: PixelEdits): PreparedInstance {
  // A derived series was made from research data: its dates are shifted already.
  if (derived) context = { ...context, datesAlreadyShifted: true };
  let result = deidentify(input, context, pixels);
  let prepared = describe(result.output, result.report.transferSyntaxUid, result.report.sopInstanceUid, result.report.atRiskReasons, result.report.pixels);
  if (derived && prepared.studyInstanceUid !== derived.researchStudyUid) {
    result = deidentify(withStudyUid(input, derived.derivedFrom), context, pixels);
    prepared = describe(result.output, result.report.transferSyntaxUid, result.report.sopInstanceUid, result.report.atRiskReasons, result.report.pixels);
    if (prepared.studyInstanceUid !== derived.researchStudyUid) throw new Error(`derived instance did not map to research study ${derived.researchStudyUid}`);
  }
  return prepared;
}

export interface PrepareOptions {
  derived?: DerivedFrom;
  /** The pixel stage's settings for this instance; false skips it (`fiona deid --no-pixels`). */
  pixels?: PixelSettings | false;
}

/** Why an instance waits for a person instead of leaving: what the pixel stage could not decide. */
export interface PixelReviewRequest {
  reason: string;
  atRisk: boolean;
  frames: number;
  proposed: Array<{ frame: number; box: Rect; reason: string }>;
}

export type PrepareOutcome = { kind: 'prepared'; prepared: PreparedInstance } | { kind: 'review'; review: PixelReviewRequest };

/**
 * The whole de-identification of one instance: the pixel stage (section 7), then the header with the pixel
 * edits. Throws DeidRefusal when the header stage refuses it, even if its pixels would also need review.
 */
export async function prepareWithPixels(input: Buffer, context: DeidContext, options: PrepareOptions = {}): Promise<PrepareOutcome> {
  if (options.pixels === false) return { kind: 'prepared', prepared: prepareInstance(input, context, options.derived) };
  const stage = await runPixelStage(input, options.pixels ?? {});
  if (stage.kind === 'review') {
    prepareInstance(input, context, options.derived); // a refusal of the header wins over a review
    return { kind: 'review', review: { reason: stage.reason, atRisk: stage.atRisk, frames: stage.frames, proposed: stage.findings.map((f) => ({ frame: f.frame, box: f.box, reason: f.reason })) } };
  }
  return { kind: 'prepared', prepared: prepareInstance(input, context, options.derived, stage.edits) };
}
