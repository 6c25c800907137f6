// deidentify(): one Part-10 instance in, the de-identified instance and a report out, or a DeidRefusal.
// Parse with offsets -> walk the rules -> write from the original bytes plus the edits -> verify the output.
import { EXPLICIT_VR_LE, isDeflated } from '../../dicom/transfer-syntax.js';
import { parseDicom, metaString, DicomParseError, type ParsedDicom } from '../../dicom/parse.js';
import { encodeFileMeta } from '../../dicom/meta.js';
import { writeDataset } from '../../dicom/write.js';
import { findElement, findText } from '../../dicom/values.js';
import { FIONA_IMPLEMENTATION_UID, FIONA_IMPLEMENTATION_VERSION, isValidUid } from '../../dicom/uid.js';
import { defaultOptions, FIONA_DEID_VERSION, type DeidContext, type DeidOptions } from './context.js';
import { DeidRefusal } from './refusal.js';
import { emptyReport, type DeidReport, type PixelReport } from './report.js';
import { collectIdentity } from './identity.js';
import { Engine } from './engine.js';
import { identityMatcher, verifyAgainst } from './verify.js';
import { atRiskReasons } from './at-risk.js';
import { iodTypesFor } from './iod-types.js';
import { compilePattern } from '../../platform/patterns.js';
import { applyPixelRewrite, type PixelRewrite } from './pixels/rewrite.js';

/** The pixel stage's result for this instance (pixels/stage.ts), applied with the header edits. */
export interface PixelEdits {
  rewrite: PixelRewrite;
  report: PixelReport;
}

export interface DeidResult {
  output: Buffer;
  report: DeidReport;
}

const SOP_CLASS = 0x00080016;
const SOP_INSTANCE = 0x00080018;
const PRESENTATION_STATE_PREFIX = '1.2.840.10008.5.1.4.1.1.11.';

function checkText(label: string, value: string, max: number): void {
  const control = [...value].some((c) => c.charCodeAt(0) < 0x20);
  if (!value || value.length > max || value.includes('\\') || control) {
    throw new DeidRefusal('invalid-context', `${label} must be 1-${max} characters without backslash or control characters (got ${JSON.stringify(value)})`);
  }
}

/** The project's participant rule, on the linear-time engine; a rule it cannot run matches nothing. */
function matchesWhole(pattern: string, value: string): boolean {
  try {
    return compilePattern(pattern).test(value);
  } catch {
    return false;
  }
}

function resolveOptions(context: DeidContext): DeidOptions {
  const options = { ...defaultOptions, ...context.options };
  checkText('project name', context.projectName, 64);
  checkText('participant ID', context.participantId, 64);
  checkText('event name', context.eventName, 54); // "EventName:<event>" must fit a 64-character LO
  if (options.participantIdPattern && !matchesWhole(options.participantIdPattern, context.participantId)) {
    throw new DeidRefusal('invalid-context', `participant ID ${context.participantId} does not match the project's rule ${options.participantIdPattern}`);
  }
  if (!Number.isInteger(context.dateOffsetDays) || context.dateOffsetDays >= 0) {
    throw new DeidRefusal('invalid-context', `date offset must be a negative whole number of days (got ${context.dateOffsetDays})`);
  }
  if (!isValidUid(context.uidRoot) || context.uidRoot.length > 24) {
    throw new DeidRefusal('invalid-context', `UID root ${context.uidRoot} is not a valid root of at most 24 characters`);
  }
  if (!context.key || context.key.length === 0) throw new DeidRefusal('invalid-context', 'the secret key is empty');
  return options;
}

function parse(input: Uint8Array): ParsedDicom {
  try {
    return parseDicom(input);
  } catch (err) {
    const reason = err instanceof DicomParseError ? err.message : String(err);
    throw new DeidRefusal('unparseable', `not a readable DICOM instance: ${reason}`);
  }
}

/** Our own output: marked de-identified, and its SOP Instance UID is ROOT.<one numeric component> (FIONA's rule). */
function isOwnOutput(parsed: ParsedDicom, uidRoot: string): boolean {
  const { buffer, dataset } = parsed;
  if (findText(buffer, dataset, 0x00120062)?.trim() !== 'YES') return false;
  if (findText(buffer, dataset, 0x00280303)?.trim() !== 'MODIFIED') return false;
  const sop = findText(buffer, dataset, SOP_INSTANCE) ?? '';
  return sop.startsWith(`${uidRoot}.`) && /^(0|[1-9][0-9]*)$/.test(sop.slice(uidRoot.length + 1));
}

export function deidentify(input: Uint8Array, context: DeidContext, pixels?: PixelEdits): DeidResult {
  const options = resolveOptions(context);
  const parsed = parse(input);
  const { buffer, dataset: root } = parsed;
  const report = emptyReport();

  const sopClass = findText(buffer, root, SOP_CLASS) || metaString(parsed, 0x00020002);
  const required: Array<[number, string]> = [[SOP_INSTANCE, 'SOP Instance UID (0008,0018)'], [0x0020000d, 'Study Instance UID (0020,000D)'], [0x0020000e, 'Series Instance UID (0020,000E)']];
  if (!sopClass) throw new DeidRefusal('missing-uid', 'missing SOP Class UID (0008,0016)');
  for (const [tag, label] of required) {
    if (!findText(buffer, root, tag)) throw new DeidRefusal('missing-uid', `missing ${label}`);
  }
  if (options.dropPresentationStates && sopClass.startsWith(PRESENTATION_STATE_PREFIX)) {
    throw new DeidRefusal('dropped-by-option', `presentation state (${sopClass}) dropped: the project does not take PR series`);
  }

  const ownOutput = isOwnOutput(parsed, context.uidRoot);
  const sameProject = ownOutput && findText(buffer, root, 0x00120020)?.trim() === context.projectName;
  report.alreadyDeidentified = ownOutput;
  if (ownOutput && !context.reshiftDates) report.warnings.push(`input is already de-identified${sameProject ? ' for this project' : ''}: dates not shifted again`);
  if (options.legacyUids !== 'off') {
    report.warnings.push('legacy UIDs (non-conformant: may have leading zeros or hex digits) for the 7 project-keyed UID tags');
  }

  const identity = collectIdentity(buffer, root);
  const method = `FIONA-TS ${FIONA_DEID_VERSION}; PS3.15 E Basic + options`;
  const allow = [context.participantId, context.projectName, context.eventName, `EventName:${context.eventName}`, context.aeTitle, method, 'ANONYMIZED'];
  for (const label of [options.sponsorName, options.siteId, options.siteName]) if (label) allow.push(label);
  const engine = new Engine(buffer, root, {
    project: context.projectName,
    participant: context.participantId,
    event: context.eventName,
    key: context.key,
    uidRoot: context.uidRoot,
    options,
    shiftDays: context.reshiftDates || !(ownOutput || context.datesAlreadyShifted) ? context.dateOffsetDays : 0,
    remapUids: !sameProject,
    keepAccession: sameProject,
    // Stricter than the spec's list: every identifying value the verifier looks for is also cleaned out of
    // kept free text (physician names in SR text, for instance), so cleaning and verifying agree.
    cleanerTokens: [...identity.cleanerTokens, ...identity.needles, ...identity.weakNeedles],
    methodDescription: method,
    identifying: identityMatcher(identity, allow),
    extraMethodCodes: pixels ? [['113101', 'Clean Pixel Data Option']] : [],
  }, report);
  // PS3.15's X/Z/D choices resolve by the attribute types of the IOD the SOP class instantiates.
  const types = iodTypesFor(sopClass);
  report.iod = types.name;
  engine.walk(root, types.root, 0);
  engine.finishRoot(identity.birthDate, findText(buffer, root, 0x00080020));
  if (pixels) {
    applyPixelRewrite(engine.edits, root, pixels.rewrite);
    report.pixels = pixels.report;
  }

  const sopElement = findElement(root, SOP_INSTANCE);
  const sopInstanceUid = sopElement ? engine.newUidValue(sopElement) : '';
  const transferSyntaxUid = pixels?.rewrite.transferSyntaxUid ?? (isDeflated(parsed.transferSyntaxUid) ? EXPLICIT_VR_LE : parsed.transferSyntaxUid);
  if (pixels?.rewrite.transferSyntaxUid) report.warnings.push(...pixels.rewrite.notes);
  if (isDeflated(parsed.transferSyntaxUid)) report.warnings.push('deflated input written as explicit VR little endian');
  if (parsed.transferSyntaxGuessed) report.warnings.push(`no transfer syntax in the file meta: read as ${parsed.transferSyntaxUid}`);

  const chunks: Uint8Array[] = [
    encodeFileMeta({
      mediaStorageSopClassUid: sopClass,
      mediaStorageSopInstanceUid: sopInstanceUid,
      transferSyntaxUid,
      implementationClassUid: FIONA_IMPLEMENTATION_UID,
      implementationVersionName: FIONA_IMPLEMENTATION_VERSION,
      sourceApplicationEntityTitle: context.aeTitle,
    }),
  ];
  writeDataset(buffer, root, engine.edits, chunks);
  const output = Buffer.concat(chunks);

  report.atRiskReasons.unshift(...atRiskReasons(buffer, root));
  report.atRisk = report.atRiskReasons.length > 0;
  report.sopInstanceUid = sopInstanceUid;
  report.transferSyntaxUid = transferSyntaxUid;

  let written: ParsedDicom;
  try {
    written = parseDicom(output);
  } catch (err) {
    throw new DeidRefusal('bad-value', `the de-identified instance does not parse again (${(err as Error).message}); nothing written`);
  }
  // Our own output for this project keeps its keyed accession number as it is: not a leak.
  if (sameProject) allow.push(findText(buffer, root, 0x00080050) ?? '');
  const check = verifyAgainst(identity, written, { allow });
  if (!check.ok) {
    const listed = check.hits.slice(0, 5).map((h) => `"${h.value}" in ${h.tagPath}`).join(', ');
    const more = check.hits.length > 5 ? ` and ${check.hits.length - 5} more` : '';
    const plural = check.hits.length > 1 ? 's' : '';
    const paths = check.hits.slice(0, 5).map((h) => h.tagPath).join(', ');
    const places = new Map(check.hits.map((h) => [h.tagPath, { tagPath: h.tagPath, privateTag: h.privateTag }]));
    throw new DeidRefusal('verifier-hit', `identifying value${plural} of the source still in the output: ${listed}${more}`, `identifying value${plural} of the source still in the output at ${paths}${more}`, [...places.values()].slice(0, 50));
  }
  return { output, report };
}
