// A project's de-identified data as DICOMweb serves it: read through from the project's research PACS
// (C-FIND for QIDO-RS, C-GET for WADO-RS), never from the quarantine's identified copy. Only research
// studies Fiona delivered for the project (its imaging record, narrowed to the member's data access group)
// are visible: a query is limited to them, and any other study is "not found", even when the PACS holds it.
// Retrieved instances are kept in a small in-memory cache (least recently used, bounded in bytes), because
// a viewer asks for an instance's metadata, then each of its frames, one request at a time.
import { associate, decodeIdentifier, encodeIdentifier, SopClass, TransferSyntax, type IdentifierElement } from '../../dimse/index.js';
import { getInstances, type GetQuery, type RetrievedInstance } from '../../dimse/scu-get.js';
import { encodeFileMeta } from '../../dicom/meta.js';
import { dictionaryVr, tagOfKeyword } from '../../dicom/dictionary.js';
import { parseDataset } from '../../dicom/parse.js';
import { findElement, findText, rawValue } from '../../dicom/values.js';
import { PIXEL_DATA } from '../../dicom/tag.js';
import { syntaxOf, isDeflated } from '../../dicom/transfer-syntax.js';
import { FIONA_IMPLEMENTATION_UID } from '../../dicom/uid.js';
import { NotFoundError, BadRequestError } from '../../platform/errors.js';
import type { ProjectsRepository } from '../../projects/projects-repository.js';
import type { ParticipantsRepository } from '../../projects/participants-repository.js';
import { encapsulatedFrames, nativeFrames } from '../deid/pixels/frames.js';
import { readPixelModule } from '../deid/pixels/pixel-module.js';
import { datasetToJson, identifierToJson, type DicomJson } from './dicom-json.js';
import type { ImagingRecordsRepository } from './imaging-records-repository.js';
import { DestinationError, describeDestination } from './research-pacs.js';

export type QueryLevel = 'STUDY' | 'SERIES' | 'IMAGE';

/** Whose view: the project, and the member's data access group (null: the whole project). */
export interface DataScope {
  project: string;
  dataAccessGroup: string | null;
}

export interface QidoQuery {
  level: QueryLevel;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  /** Matching keys: tag → value (DICOM matching: wildcards, ranges, UID lists as the PACS supports). */
  match: Map<number, string>;
  /** Extra attributes to return; 'all' asks for every attribute the level's defaults and the PACS offer. */
  includeFields: number[] | 'all';
  limit?: number;
  offset?: number;
}

export interface InstanceRef {
  studyInstanceUid: string;
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
}

export interface ResearchDataDeps {
  projects: Pick<ProjectsRepository, 'find'>;
  records: Pick<ImagingRecordsRepository, 'list'>;
  participants: Pick<ParticipantsRepository, 'list'>;
  callingAet: string;
  /** One frame as PNG (the preparation pool's renderer: decoded off the event loop). */
  render(part10: Buffer, frame: number): Promise<Buffer>;
  cacheBytes?: number;
}

/** PS3.18 table 6.7.1-2: what QIDO-RS returns at each level by default (besides the matching keys). */
const DEFAULTS: Record<QueryLevel, number[]> = {
  STUDY: [0x00080005, 0x00080020, 0x00080030, 0x00080050, 0x00080061, 0x00080090, 0x00081030, 0x00100010, 0x00100020, 0x00100030, 0x00100040, 0x0020000d, 0x00200010, 0x00201206, 0x00201208],
  SERIES: [0x00080005, 0x00080060, 0x0008103e, 0x0020000e, 0x00200011, 0x00201209, 0x0020000d],
  IMAGE: [0x00080005, 0x00080016, 0x00080018, 0x00200013, 0x00280010, 0x00280011, 0x00280100, 0x00280008, 0x0020000d, 0x0020000e],
};
/** Further attributes asked for with includefield=all. */
const ALL_EXTRA: Record<QueryLevel, number[]> = {
  STUDY: [0x00080062, 0x00200010, 0x00081030],
  SERIES: [0x00080021, 0x00080031, 0x00180015, 0x00081030],
  IMAGE: [0x00080008, 0x00080023, 0x00080033, 0x00200032, 0x00200037, 0x00280004],
};

const LEVEL_OF_UID: Record<number, QueryLevel> = { 0x0020000d: 'STUDY', 0x0020000e: 'SERIES', 0x00080018: 'IMAGE' };
/** Above this many studies a query asks the PACS without the project's UID list and filters the answers. */
const MAX_UID_LIST = 500;
const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export class ResearchDataService {
  private readonly cache = new Map<string, RetrievedInstance>();
  private cachedBytes = 0;

  constructor(private readonly deps: ResearchDataDeps) {}

  /** The research study UIDs this scope may see. */
  async studiesOf(scope: DataScope): Promise<Set<string>> {
    const participants = scope.dataAccessGroup === null ? undefined : (await this.deps.participants.list(scope.project, scope.dataAccessGroup)).map((p) => p.id);
    const records = await this.deps.records.list(scope.project, participants ? { participants } : undefined);
    return new Set(records.map((r) => r.researchStudyUid));
  }

  private async destination(project: string) {
    const found = await this.deps.projects.find(project);
    if (!found) throw new NotFoundError(`project "${project}" not found`);
    return found.destination;
  }

  private async requireStudy(scope: DataScope, studyInstanceUid: string): Promise<Set<string>> {
    const studies = await this.studiesOf(scope);
    if (!studies.has(studyInstanceUid)) throw new NotFoundError(`study ${studyInstanceUid} not found in ${scope.project}`);
    return studies;
  }

  /** QIDO-RS: the matches as DICOM JSON, limited to the scope's studies. */
  async query(scope: DataScope, q: QidoQuery): Promise<DicomJson[]> {
    const allowed = q.studyInstanceUid ? await this.requireStudy(scope, q.studyInstanceUid) : await this.studiesOf(scope);
    if (allowed.size === 0) return [];
    const elements = new Map<number, IdentifierElement>();
    const put = (tag: number, value: string) => elements.set(tag, { tag, vr: dictionaryVr(tag) ?? 'UN', value });
    const extra = q.includeFields === 'all' ? ALL_EXTRA[q.level] : q.includeFields;
    for (const tag of [...DEFAULTS[q.level], ...extra]) {
      if (LEVEL_OF_UID[tag] && LEVEL_OF_UID[tag] !== q.level && tag !== 0x0020000d && tag !== 0x0020000e) continue;
      put(tag, '');
    }
    for (const [tag, value] of q.match) {
      if (dictionaryVr(tag) === 'SQ' || dictionaryVr(tag) === undefined) throw new BadRequestError(`attribute ${tag.toString(16).padStart(8, '0')} cannot be matched`, 'query');
      put(tag, value);
    }
    const studyFilter = q.studyInstanceUid ?? q.match.get(0x0020000d);
    if (studyFilter) {
      if (studyFilter.split('\\').every((uid) => !allowed.has(uid))) return [];
      put(0x0020000d, studyFilter);
    } else if (allowed.size <= MAX_UID_LIST) {
      put(0x0020000d, [...allowed].join('\\'));
    }
    if (q.seriesInstanceUid) put(0x0020000e, q.seriesInstanceUid);
    put(0x00080052, q.level);
    const matches = await this.find(scope.project, [...elements.values()]);
    const visible = matches.filter((m) => allowed.has(m.find((e) => e.tag === 0x0020000d)?.value ?? ''));
    const offset = q.offset ?? 0;
    return visible.slice(offset, q.limit === undefined ? undefined : offset + q.limit).map(identifierToJson);
  }

  private async find(project: string, elements: IdentifierElement[]): Promise<IdentifierElement[][]> {
    const destination = await this.destination(project);
    const association = await associate({
      host: destination.host,
      port: destination.port,
      callingAet: this.deps.callingAet,
      calledAet: destination.aet,
      contexts: [{ abstractSyntax: SopClass.StudyRootFind, transferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian] }],
      connectTimeoutMs: 10_000,
      idleTimeoutMs: 60_000,
    }).catch((err: Error) => {
      throw new DestinationError(`${describeDestination(destination)}: ${err.message}`, { cause: err });
    });
    try {
      const ctx = association.contextFor(SopClass.StudyRootFind);
      if (!ctx) throw new DestinationError(`${describeDestination(destination)} does not accept study-root C-FIND`);
      const result = await association.find({ contextId: ctx.id, sopClassUid: SopClass.StudyRootFind, identifier: encodeIdentifier(elements, true) });
      if (result.status !== 0) throw new DestinationError(`${describeDestination(destination)} answered C-FIND with status 0x${result.status.toString(16).padStart(4, '0')}`);
      return result.matches.map((m) => decodeIdentifier(m, true));
    } finally {
      await association.release().catch(() => association.abort());
    }
  }

  /**
   * WADO-RS: the instances of a study, series or one instance, each handed to `onInstance` as the PACS sent
   * it (awaited, so a slow client slows the retrieval rather than filling memory). Not found when none.
   */
  async retrieve(scope: DataScope, ref: InstanceRef, onInstance: (instance: RetrievedInstance) => Promise<void>): Promise<number> {
    await this.requireStudy(scope, ref.studyInstanceUid);
    // Keyed by project and study too: an instance cached for one project is never served to another.
    const keyOf = (sopInstanceUid: string) => `${scope.project}\n${ref.studyInstanceUid}\n${sopInstanceUid}`;
    const cached = ref.sopInstanceUid && this.cache.get(keyOf(ref.sopInstanceUid));
    if (cached) {
      this.touch(keyOf(ref.sopInstanceUid!), cached);
      await onInstance(cached);
      return 1;
    }
    const level: QueryLevel = ref.sopInstanceUid ? 'IMAGE' : ref.seriesInstanceUid ? 'SERIES' : 'STUDY';
    // The SOP classes to take: the association must offer a storage context for each.
    const classes = await this.find(scope.project, [
      { tag: 0x00080052, vr: 'CS', value: 'IMAGE' },
      { tag: 0x0020000d, vr: 'UI', value: ref.studyInstanceUid },
      { tag: 0x0020000e, vr: 'UI', value: ref.seriesInstanceUid ?? '' },
      { tag: 0x00080018, vr: 'UI', value: ref.sopInstanceUid ?? '' },
      { tag: 0x00080016, vr: 'UI', value: '' },
    ]);
    if (classes.length === 0) throw new NotFoundError(`nothing found for ${ref.sopInstanceUid ?? ref.seriesInstanceUid ?? ref.studyInstanceUid}`);
    const sopClasses = [...new Set(classes.map((m) => m.find((e) => e.tag === 0x00080016)?.value ?? '').filter(Boolean))];
    const destination = await this.destination(scope.project);
    const query: GetQuery = { level, studyInstanceUid: ref.studyInstanceUid, seriesInstanceUid: ref.seriesInstanceUid, sopInstanceUid: ref.sopInstanceUid };
    let count = 0;
    const outcome = await getInstances({ host: destination.host, port: destination.port, callingAet: this.deps.callingAet, calledAet: destination.aet, sopClasses }, query, async (instance) => {
      count++;
      this.remember(keyOf(instance.sopInstanceUid), instance);
      await onInstance(instance);
    }).catch((err: Error) => {
      throw new DestinationError(`${describeDestination(destination)}: ${err.message}`, { cause: err });
    });
    if (count === 0) throw new DestinationError(`${describeDestination(destination)} sent nothing (C-GET status 0x${outcome.status.toString(16).padStart(4, '0')}, ${outcome.failed} failed)`);
    return count;
  }

  /** One instance (from the cache when it is there). */
  async instance(scope: DataScope, ref: Required<InstanceRef>): Promise<RetrievedInstance> {
    let found: RetrievedInstance | undefined;
    await this.retrieve(scope, ref, async (i) => void (found = i));
    if (!found || found.sopInstanceUid !== ref.sopInstanceUid) throw new NotFoundError(`instance ${ref.sopInstanceUid} not found`);
    return found;
  }

  /** WADO-RS metadata: each instance as DICOM JSON, bulk data named by `bulkDataUri(instance, tagPath)`. */
  async metadata(scope: DataScope, ref: InstanceRef, bulkDataUri: (instance: RetrievedInstance, seriesInstanceUid: string, tagPath: string) => string): Promise<DicomJson[]> {
    const out: DicomJson[] = [];
    await this.retrieve(scope, ref, async (instance) => {
      const dataset = parseDataset(instance.dataset, syntaxOf(instance.transferSyntaxUid));
      const series = findText(instance.dataset, dataset, 0x0020000e) ?? '';
      out.push(datasetToJson(instance.dataset, dataset, (path) => bulkDataUri(instance, series, path)));
    });
    return out;
  }

  /** WADO-RS frames: the requested frames (1-based) as stored, native or compressed, with their syntax. */
  async frames(scope: DataScope, ref: Required<InstanceRef>, numbers: number[] | 'all'): Promise<{ transferSyntaxUid: string; frames: Buffer[] }> {
    const instance = await this.instance(scope, ref);
    if (isDeflated(instance.transferSyntaxUid)) throw new BadRequestError('frames of a deflated instance are not served; retrieve the instance', 'frames');
    const dataset = parseDataset(instance.dataset, syntaxOf(instance.transferSyntaxUid));
    const m = readPixelModule(instance.dataset, dataset);
    const el = findElement(dataset, PIXEL_DATA);
    if (!m || !el) throw new NotFoundError('the instance has no pixel data');
    const all = el.encapsulated ? encapsulatedFrames(instance.dataset, el, m.frames) : nativeFrames(rawValue(instance.dataset, el), m);
    if (numbers === 'all') return { transferSyntaxUid: instance.transferSyntaxUid, frames: all };
    const frames = numbers.map((n) => {
      if (!Number.isInteger(n) || n < 1 || n > all.length) throw new NotFoundError(`frame ${n} not found: the instance has ${all.length} frame(s)`);
      return all[n - 1];
    });
    return { transferSyntaxUid: instance.transferSyntaxUid, frames };
  }

  /** A frame (1-based) rendered as PNG, windowed from its own range (thumbnails, the viewer's first look). */
  async rendered(scope: DataScope, ref: Required<InstanceRef>, frame: number): Promise<Buffer> {
    const instance = await this.instance(scope, ref);
    // Through a worker thread the bytes come back as a plain Uint8Array.
    const png = await this.deps.render(asPart10(instance), frame - 1);
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  }

  private remember(key: string, instance: RetrievedInstance): void {
    const limit = this.deps.cacheBytes ?? DEFAULT_CACHE_BYTES;
    if (instance.dataset.length > limit / 4) return;
    const old = this.cache.get(key);
    if (old) this.cachedBytes -= old.dataset.length;
    this.cache.delete(key);
    this.cache.set(key, instance);
    this.cachedBytes += instance.dataset.length;
    for (const [uid, entry] of this.cache) {
      if (this.cachedBytes <= limit) break;
      this.cache.delete(uid);
      this.cachedBytes -= entry.dataset.length;
    }
  }

  private touch(key: string, instance: RetrievedInstance): void {
    this.cache.delete(key);
    this.cache.set(key, instance);
  }
}

/** A query parameter's attribute: eight hex digits or a PS3.6 keyword ("PatientID"). */
export function tagOfAttribute(name: string): number | undefined {
  return /^[0-9a-fA-F]{8}$/.test(name) ? parseInt(name, 16) >>> 0 : tagOfKeyword(name);
}

/** The instance as a Part-10 file (what WADO-RS sends as application/dicom). */
export function asPart10(instance: RetrievedInstance): Buffer {
  const meta = encodeFileMeta({
    mediaStorageSopClassUid: instance.sopClassUid,
    mediaStorageSopInstanceUid: instance.sopInstanceUid,
    transferSyntaxUid: instance.transferSyntaxUid,
    implementationClassUid: FIONA_IMPLEMENTATION_UID,
  });
  return Buffer.concat([meta, instance.dataset]);
}
