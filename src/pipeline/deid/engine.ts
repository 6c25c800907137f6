// The rule walk: decides, for every element at every depth, what happens to it, and records the decision in
// an EditSet. Pure: it reads the parsed source and writes nothing itself.
import type { Dataset, DicomElement } from '../../dicom/dataset.js';
import { describeTag, dictionaryVr } from '../../dicom/dictionary.js';
import { EditSet } from '../../dicom/edits.js';
import { textBytes, textElement, type NewElement } from '../../dicom/encode.js';
import { PIXEL_DATA, elementOf, groupOf, privateCreatorTagOf } from '../../dicom/tag.js';
import { DICOM_ROOT, normalizeUid } from '../../dicom/uid.js';
import { findElement, rawValue, tagPath, textValue } from '../../dicom/values.js';
import { MAX_LENGTH, isTextVr } from '../../dicom/vr.js';
import { makeCleaner, truncateTo, type Cleaner } from './cleaner.js';
import type { DeidOptions } from './context.js';
import { ageAt, shiftDateValue } from './dates.js';
import { CHOICES, type Action, type Choice } from './profile.js';
import type { AttributeType, TypeScope } from './iod-types.js';
import { note, type DeidReport } from './report.js';
import { LEGACY_UID_TAGS, PATIENT_CHARACTERISTICS, SPEC_DECISIONS, TECHNICAL_TEXT, UID_EXEMPT, isCurveGroup, isOverlayGroup, tableAction } from './rules.js';
import { accessionHash, legacyUid, newUid } from './uids.js';

export const PATIENT_NAME = 0x00100010;
export const PATIENT_ID = 0x00100020;
const INSTITUTION_NAME = 0x00080080;
const REFERRING_PHYSICIAN = 0x00080090;
const ACCESSION = 0x00080050;
const STUDY_ID = 0x00200010;
const STUDY_UID = 0x0020000d;
const PATIENT_AGE = 0x00101010;
const ENCAPSULATED_DOCUMENT = 0x00420011;
const MANUFACTURER = 0x00080070;
const REASON_TAGS = new Set([0x00402001, 0x00401002]);
/** What a Type 1 attribute gets where the rules take its value: PS3.15's D, a dummy of the right VR. */
export const DUMMY_TEXT = 'ANONYMIZED';

/** Top-level attributes the engine sets itself after the walk (section 2). */
const ROOT_SET = new Set([
  PATIENT_NAME, PATIENT_ID, INSTITUTION_NAME, REFERRING_PHYSICIAN, 0x00120010, 0x00120020, 0x00120021, 0x00120030,
  0x00120031, 0x00120040, 0x00120050, 0x00120051, 0x00120062, 0x00120063, 0x00120064, 0x00280303,
]);

/** Type 2 dates anywhere: emptied rather than removed when their value cannot be shifted. */
const TYPE2_DATES = new Set([0x00080020, 0x00080021, 0x00080022, 0x00080023, 0x0008002a, 0x00100030]);

const TEXT_REMOVED_UNLISTED = new Set(['PN', 'ST', 'LT', 'UT', 'UC', 'UR', 'AE', 'UN']);

const OPTION_CODES: Array<[string, string, (o: DeidOptions) => boolean]> = [
  ['113100', 'Basic Application Confidentiality Profile', () => true],
  ['113103', 'Clean Graphics Option', (o) => !o.keepOverlays],
  ['113104', 'Clean Structured Content Option', () => true],
  ['113105', 'Clean Descriptors Option', () => true],
  ['113107', 'Retain Longitudinal Temporal Information Modified Dates Option', () => true],
  ['113108', 'Retain Patient Characteristics Option', () => true],
  ['113109', 'Retain Device Identity Option', () => true],
  ['113111', 'Retain Safe Private Option', (o) => o.retainSafePrivate.length > 0],
];

/** How a PS3.15 choice resolves for an attribute of the given type in the IOD (undefined: in no module of it). */
export function resolveChoice(choice: Choice | 'empty', type: AttributeType | undefined): 'remove' | 'empty' | 'dummy' {
  if (type === 1) return 'dummy'; // Z allows a dummy too ("a zero-length value, or a non-zero length value that may be a dummy")
  if (type === 2) return choice === 'X/D' ? 'dummy' : 'empty';
  if (choice === 'empty' || choice === 'Z/D') return 'empty';
  return 'remove';
}

/**
 * The action once the IOD has had its say: PS3.15's choices (and Z) resolved by the attribute's type; a
 * profile X on an attribute the IOD makes Type 2 at this place becomes Z (the value goes either way). The
 * spec's own decisions (profile.ts OVERRIDES) stand as they are.
 */
export function resolveForIod(tag: number, action: Action | undefined, type: AttributeType | undefined): Action | undefined {
  if (action === undefined || SPEC_DECISIONS.has(tag)) return action;
  if (CHOICES.has(action) || action === 'empty') return resolveChoice(action as Choice | 'empty', type);
  if (action === 'remove' && type === 2) return 'empty';
  return action;
}

export interface EngineSettings {
  project: string;
  participant: string;
  event: string;
  key: Uint8Array;
  uidRoot: string;
  options: DeidOptions;
  /** 0 when the input is already de-identified: dates are never shifted twice. */
  shiftDays: number;
  /** False for our own output of the same project: UIDs stay, so a second run is idempotent. */
  remapUids: boolean;
  keepAccession: boolean;
  cleanerTokens: Iterable<string>;
  methodDescription: string;
  /** True when a text holds an identifying value of the source: such a kept patient characteristic is emptied. */
  identifying?: (text: string) => boolean;
  /** Method codes of stages outside the engine (113101 Clean Pixel Data when the pixel stage ran). */
  extraMethodCodes?: Array<[code: string, meaning: string]>;
}

export class Engine {
  readonly edits = new EditSet();
  private readonly cleaner: Cleaner;
  private readonly uidCache = new Map<string, string>();
  private readonly creators = new Map<Dataset, Map<number, string>>();

  constructor(
    private readonly buf: Buffer,
    private readonly root: Dataset,
    private readonly s: EngineSettings,
    private readonly report: DeidReport,
  ) {
    this.cleaner = makeCleaner(s.cleanerTokens);
  }

  private path(ds: Dataset, el: DicomElement): string {
    return tagPath(ds, el, describeTag);
  }

  private effectiveVr(el: DicomElement): string {
    return el.vr === 'UN' ? (dictionaryVr(el.tag) ?? 'UN') : el.vr;
  }

  remove(ds: Dataset, el: DicomElement, auditReason?: string): void {
    this.edits.remove(ds, el);
    const path = this.path(ds, el);
    note(this.report.removed, path);
    if (auditReason) this.report.audit.push({ tagPath: path, reason: auditReason });
  }

  /** Replaces a value when it differs from `text`; the comparison ignores padding. */
  setValue(ds: Dataset, el: DicomElement, text: string): void {
    if (textValue(this.buf, el) === text) return;
    this.edits.replace(ds, el, textBytes(text, this.effectiveVr(el)));
    note(this.report.changed, this.path(ds, el));
  }

  /**
   * Applies the rules to one dataset. `scope` holds the types of the attributes its IOD allows here (the top
   * level, or the items of a sequence); undefined where the IOD says nothing (inside an unknown sequence).
   */
  walk(ds: Dataset, scope: TypeScope | undefined, depth: number): void {
    for (const el of ds.elements) {
      const tag = el.tag;
      const group = groupOf(tag);
      if (depth === 0 && ROOT_SET.has(tag)) continue;
      if (elementOf(tag) === 0 || group === 0x0002 || tag === 0xfffcfffc) {
        this.remove(ds, el); // group lengths (stale after edits), stray meta, trailing padding
      } else if (group & 1) {
        this.privateElement(ds, el, depth);
      } else if (isCurveGroup(group)) {
        this.remove(ds, el);
      } else if (isOverlayGroup(group)) {
        if (!this.s.options.keepOverlays) this.remove(ds, el);
      } else if (group === 0x7fe0 || tag === PIXEL_DATA) {
        continue; // pixel data stays as it is (pixel cleaning is a later stage)
      } else if (PATIENT_CHARACTERISTICS.has(tag) && !el.items) {
        this.characteristic(ds, el);
      } else if (!this.identity(ds, el)) {
        this.apply(ds, el, tableAction(tag), scope, depth);
      }
    }
  }

  /**
   * A patient characteristic research needs is kept, unless its value holds an identifying value of the
   * instance (a phantom's name in PatientSex, an ID in the species description): then it is emptied, so the
   * verifier has nothing to refuse (spec section 1).
   */
  private characteristic(ds: Dataset, el: DicomElement): void {
    const vr = this.effectiveVr(el);
    if (!isTextVr(vr) || el.length <= 0 || !this.s.identifying) return;
    if (!this.s.identifying(textValue(this.buf, el))) return;
    this.setValue(ds, el, '');
    this.report.audit.push({ tagPath: this.path(ds, el), reason: 'patient characteristic held an identifying value; emptied' });
  }

  /** Section 2 values that hold at every depth. Returns true when it handled the element. */
  private identity(ds: Dataset, el: DicomElement): boolean {
    const { options } = this.s;
    switch (el.tag) {
      case PATIENT_NAME:
      case REFERRING_PHYSICIAN:
        this.setValue(ds, el, ''); // nested copies (the top level is set in finishRoot): empty, never "Re-Mapped"
        return true;
      case PATIENT_ID:
        this.setValue(ds, el, this.s.participant);
        return true;
      case INSTITUTION_NAME:
        this.setValue(ds, el, this.s.project);
        return true;
      case ACCESSION:
        if (this.s.keepAccession) return true;
        this.setValue(ds, el, (options.accessionNumber ? options.accessionNumber === 'hmac' : options.fionaCompat) && textValue(this.buf, el) ? accessionHash(this.s.key, this.s.project, textValue(this.buf, el)) : '');
        return true;
      case STUDY_ID:
        this.setValue(ds, el, options.fionaCompat ? this.studyIdFromUid() : '');
        return true;
      default:
        if (REASON_TAGS.has(el.tag)) {
          if (options.fionaCompat) this.setValue(ds, el, `EventName:${this.s.event}`);
          else this.remove(ds, el);
          return true;
        }
        return false;
    }
  }

  private apply(ds: Dataset, el: DicomElement, action: Action | undefined, scope: TypeScope | undefined, depth: number): void {
    const vr = this.effectiveVr(el);
    const type = scope?.typeOf(el.tag);
    if (el.items || vr === 'SQ') return this.sequence(ds, el, action, type, scope?.itemsOf(el.tag), depth);
    switch (resolveForIod(el.tag, action, type)) {
      case undefined:
        return this.unlisted(ds, el, vr, type);
      case 'remove':
        return this.remove(ds, el);
      case 'empty':
        if (el.length > 0) this.setValue(ds, el, '');
        return;
      case 'dummy':
        return this.dummy(ds, el, vr, type);
      case 'date':
        if (vr === 'DA' || vr === 'DT') return this.shift(ds, el, vr, type);
        if (vr !== 'TM') this.remove(ds, el);
        return;
      case 'clean':
        if (vr === 'PN') return this.person(ds, el, type);
        if (isTextVr(vr) && vr !== 'CS') return this.clean(ds, el, vr, type);
        return this.nets(ds, el, vr, type);
      default: // uid, keep, recurse
        return this.nets(ds, el, vr, type);
    }
  }

  /**
   * A sequence: removed (X), emptied (Z) or, where the IOD needs a value (D), one item kept and cleaned, by the
   * same rule as any attribute. Sequences the rules keep are walked item by item with the scope of their items.
   */
  private sequence(ds: Dataset, el: DicomElement, action: Action | undefined, type: AttributeType | undefined, items: TypeScope | undefined, depth: number): void {
    const resolved = resolveForIod(el.tag, action, type);
    if (resolved === 'remove') return this.remove(ds, el);
    if (resolved === 'empty') {
      if (el.items?.length) {
        this.edits.replaceItems(ds, el, []);
        note(this.report.changed, this.path(ds, el));
      }
      return;
    }
    const all = el.items ?? [];
    const kept = resolved === 'dummy' && action !== 'dummy' ? all.slice(0, 1) : all;
    if (kept.length < all.length) {
      this.edits.limitItems(ds, el, kept.length);
      note(this.report.changed, this.path(ds, el));
    }
    for (const item of kept) this.walk(item.dataset, items, depth + 1);
  }

  /** The VR-driven safety nets: PN -> empty (a dummy where the IOD needs a value), DA/DT -> shift, UI -> remap. */
  private nets(ds: Dataset, el: DicomElement, vr: string, type: AttributeType | undefined): void {
    if (vr === 'PN') this.person(ds, el, type);
    else if (vr === 'DA' || vr === 'DT') this.shift(ds, el, vr, type);
    else if (vr === 'UI') this.uid(ds, el);
  }

  /** A person's name we do not set ourselves: empty (spec section 5), or the dummy where it is Type 1. */
  private person(ds: Dataset, el: DicomElement, type: AttributeType | undefined): void {
    this.setValue(ds, el, type === 1 && el.length > 0 ? DUMMY_TEXT : '');
  }

  /**
   * Public attributes the table does not name (section 5): free text and unlisted LO/SH go, unless the IOD
   * needs them: Type 2 stays empty, Type 1 keeps its cleaned value (or the dummy when nothing is left).
   */
  private unlisted(ds: Dataset, el: DicomElement, vr: string, type: AttributeType | undefined): void {
    let reason: string | undefined;
    if (TEXT_REMOVED_UNLISTED.has(vr)) reason = `${vr} not in the profile table`;
    else if ((vr === 'LO' || vr === 'SH') && !TECHNICAL_TEXT.has(el.tag)) reason = `${vr} not on the technical allow-list`;
    if (!reason) return this.nets(ds, el, vr, type);
    if (type === 1 && el.length > 0 && (isTextVr(vr) || vr === 'PN')) {
      const kept = vr === 'PN' ? 'replaced by the dummy' : 'kept cleaned';
      this.report.audit.push({ tagPath: this.path(ds, el), reason: `${reason}; ${kept} (Type 1 in the IOD)` });
      return vr === 'PN' ? this.person(ds, el, type) : this.clean(ds, el, vr, type);
    }
    if (type === 2 || (type === 1 && el.length === 0)) {
      if (el.length > 0) {
        this.setValue(ds, el, '');
        this.report.audit.push({ tagPath: this.path(ds, el), reason: `${reason}; emptied (Type 2 in the IOD)` });
      }
      return;
    }
    this.remove(ds, el, reason);
  }

  private dummy(ds: Dataset, el: DicomElement, vr: string, type: AttributeType | undefined): void {
    if (vr === 'PN') return this.person(ds, el, type);
    if (vr === 'DA' || vr === 'DT' || vr === 'UI') return this.nets(ds, el, vr, type);
    if (el.length <= 0) return;
    if (el.tag === ENCAPSULATED_DOCUMENT) {
      // A dummy would destroy the document; it is reported at risk for the content-cleaning stage instead.
      this.report.atRiskReasons.push('encapsulated document content is not cleaned');
      return;
    }
    if (vr === 'TM') return this.setValue(ds, el, '000000');
    if (vr === 'DS' || vr === 'IS') return this.setValue(ds, el, '0');
    if (isTextVr(vr)) return this.setValue(ds, el, truncateTo(DUMMY_TEXT, MAX_LENGTH[vr]));
    this.edits.replace(ds, el, new Uint8Array(0));
    note(this.report.changed, this.path(ds, el));
  }

  private clean(ds: Dataset, el: DicomElement, vr: string, type: AttributeType | undefined): void {
    const text = textValue(this.buf, el);
    if (!text) return;
    const cleaned = truncateTo(this.cleaner(text), MAX_LENGTH[vr]);
    this.setValue(ds, el, cleaned || type !== 1 ? cleaned : truncateTo(DUMMY_TEXT, MAX_LENGTH[vr]));
  }

  private shift(ds: Dataset, el: DicomElement, vr: 'DA' | 'DT', type: AttributeType | undefined): void {
    if (this.s.shiftDays === 0) return;
    const text = textValue(this.buf, el);
    if (!text.trim()) return;
    const shifted = text.split('\\').map((v) => (v.trim() ? shiftDateValue(v, this.s.shiftDays, vr) : ''));
    if (shifted.some((v) => v === undefined)) {
      // Never a made-up date: Type 2 dates become empty, others go.
      if (TYPE2_DATES.has(el.tag) || type === 1 || type === 2) this.setValue(ds, el, '');
      else this.remove(ds, el, `unparseable ${vr} value`);
      return;
    }
    this.setValue(ds, el, shifted.join('\\'));
  }

  mapUid(uid: string): string {
    let mapped = this.uidCache.get(uid);
    if (mapped === undefined) {
      mapped = newUid(this.s.key, this.s.project, uid, this.s.uidRoot);
      this.uidCache.set(uid, mapped);
    }
    return mapped;
  }

  /** The new value of a UI element (unchanged for exempt tags, standard UIDs and our own same-project output). */
  newUidValue(el: DicomElement): string {
    const current = textValue(this.buf, el);
    if (UID_EXEMPT.has(el.tag) || !this.s.remapUids || !current) return current;
    if (this.s.options.legacyUids !== 'off' && LEGACY_UID_TAGS.has(el.tag)) {
      return legacyUid(rawValue(this.buf, el), this.s.project, this.s.options.legacyUids === 'hex' ? 'hex' : 'decimal');
    }
    return current
      .split('\\')
      .map((v) => {
        const uid = normalizeUid(v.trim());
        return !uid || uid.startsWith(DICOM_ROOT) ? uid : this.mapUid(uid);
      })
      .join('\\');
  }

  private uid(ds: Dataset, el: DicomElement): void {
    this.setValue(ds, el, this.newUidValue(el));
  }

  private studyIdFromUid(): string {
    const el = findElement(this.root, STUDY_UID);
    if (!el) return '';
    const uid = this.newUidValue(el);
    return uid.slice(uid.lastIndexOf('.') + 1).slice(0, 16);
  }

  /** Retain Safe Private: only allow-listed (creator, group, element) survive, with their creator element. */
  private privateElement(ds: Dataset, el: DicomElement, depth: number): void {
    const allow = this.s.options.retainSafePrivate;
    const group = groupOf(el.tag);
    const low = elementOf(el.tag);
    let keep = false;
    if (allow.length > 0 && low >= 0x10) {
      const creators = this.creatorsOf(ds);
      if (low <= 0xff) {
        const creator = creators.get(el.tag);
        keep = allow.some((a) => a.group === group && a.creator === creator);
      } else {
        const creatorTag = privateCreatorTagOf(el.tag);
        const creator = creatorTag === undefined ? undefined : creators.get(creatorTag);
        keep = allow.some((a) => a.group === group && a.creator === creator && a.element === (low & 0xff));
      }
    }
    if (!keep) return this.remove(ds, el);
    // Kept private values still get the safety nets: dates shift, sequences are walked.
    if (el.items) for (const item of el.items ?? []) this.walk(item.dataset, undefined, depth + 1);
    else if (el.vr === 'DA' || el.vr === 'DT') this.shift(ds, el, el.vr, undefined);
  }

  private creatorsOf(ds: Dataset): Map<number, string> {
    let map = this.creators.get(ds);
    if (!map) {
      map = new Map();
      for (const el of ds.elements) {
        const low = elementOf(el.tag);
        if (groupOf(el.tag) & 1 && low >= 0x10 && low <= 0xff) map.set(el.tag, textValue(this.buf, el).trim());
      }
      this.creators.set(ds, map);
    }
    return map;
  }

  /** Sets a top-level attribute: replaces its value, or inserts it when absent. */
  private setRoot(root: Dataset, tag: number, vr: string, text: string): void {
    const el = findElement(root, tag);
    if (el) return this.setValue(root, el, text);
    this.edits.insert(root, textElement(tag, vr, text));
    note(this.report.added, describeTag(tag));
  }

  private setRootSequence(root: Dataset, tag: number, items: NewElement[][]): void {
    const el = findElement(root, tag);
    if (el) {
      this.edits.replaceItems(root, el, items);
      note(this.report.changed, describeTag(tag));
    } else {
      this.edits.insert(root, { tag, vr: 'SQ', items });
      note(this.report.added, describeTag(tag));
    }
  }

  /** Section 2: identity, clinical trial attributes and de-identification marks at the top level. */
  finishRoot(birthDate: string | undefined, studyDate: string | undefined): void {
    const root = this.root;
    const { project, participant, event, options } = this.s;
    this.setRoot(root, PATIENT_NAME, 'PN', participant);
    this.setRoot(root, PATIENT_ID, 'LO', participant);
    if (!findElement(root, INSTITUTION_NAME) && !findElement(root, MANUFACTURER)) {
      // InstitutionName brings the General Equipment module into the instance, and with it Manufacturer (Type 2).
      this.setRoot(root, MANUFACTURER, 'LO', '');
    }
    this.setRoot(root, INSTITUTION_NAME, 'LO', project);
    const referring = findElement(root, REFERRING_PHYSICIAN);
    if (options.fionaCompat) this.setRoot(root, REFERRING_PHYSICIAN, 'PN', `EventName:${event}`);
    else if (referring) this.setValue(root, referring, '');
    this.setRoot(root, 0x00120010, 'LO', options.sponsorName ?? options.siteName ?? project);
    this.setRoot(root, 0x00120020, 'LO', project);
    this.setRoot(root, 0x00120021, 'LO', project);
    this.setRoot(root, 0x00120030, 'LO', options.siteId ?? '');
    this.setRoot(root, 0x00120031, 'LO', options.siteName ?? '');
    this.setRoot(root, 0x00120040, 'LO', participant);
    this.setRoot(root, 0x00120050, 'LO', event);
    this.setRoot(root, 0x00120051, 'ST', event);
    this.setRoot(root, 0x00120062, 'CS', 'YES');
    this.setRoot(root, 0x00120063, 'LO', this.s.methodDescription);
    const applied: Array<[string, string]> = OPTION_CODES.filter(([, , applies]) => applies(options)).map(([code, meaning]) => [code, meaning]);
    applied.push(...(this.s.extraMethodCodes ?? []));
    applied.sort((a, b) => a[0].localeCompare(b[0]));
    const codes = applied.map(([code, meaning]) => [
      textElement(0x00080100, 'SH', code),
      textElement(0x00080102, 'SH', 'DCM'),
      textElement(0x00080104, 'LO', meaning),
    ]);
    this.setRootSequence(root, 0x00120064, codes);
    this.setRoot(root, 0x00280303, 'CS', 'MODIFIED');
    const age = findElement(root, PATIENT_AGE);
    if ((!age || !textValue(this.buf, age)) && birthDate && studyDate) {
      const computed = ageAt(birthDate, studyDate);
      if (computed) this.setRoot(root, PATIENT_AGE, 'AS', computed);
    }
  }
}
