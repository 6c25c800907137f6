// The per-project de-identification options (DEID-SPEC section 1), stored with the project as JSON with
// every option filled in, so the de-identification engine reads one complete set.
import { RuleError } from '../platform/errors.js';

export interface DeidOptions {
  /** 113107 Retain Longitudinal Temporal Information, Modified Dates: shift dates per participant. */
  retainModifiedDates: boolean;
  /** Round the participant's date offset to whole weeks, so weekdays stay. */
  preserveWeekday: boolean;
  /** 113108 Retain Patient Characteristics (age, sex, size, weight). */
  retainPatientCharacteristics: boolean;
  /** 113109 Retain Device Identity (StationName is removed regardless). */
  retainDeviceIdentity: boolean;
  /** 113105 Clean Descriptors (study/series description, protocol name … cleaned; other descriptors removed). */
  cleanDescriptors: boolean;
  /** 113104 Clean Structured Content. */
  cleanStructuredContent: boolean;
  /** 113103 Clean Graphics. */
  cleanGraphics: boolean;
  /** Keep 60xx overlays (opt-out of their removal under Clean Graphics). */
  keepOverlays: boolean;
  /** Drop presentation-state series altogether (FIONA feature). */
  dropPresentationStates: boolean;
  /** 113101 Clean Pixel Data for at-risk instances. */
  cleanPixelData: boolean;
  /** 113110 Retain UIDs (off: UIDs are remapped per project). */
  retainUids: boolean;
  /** 113111 Retain Safe Private: keep only the allow-listed private elements. */
  retainSafePrivate: boolean;
  /** Private elements to keep when retainSafePrivate is on: "gggg,CREATOR,ee", e.g. "0029,SIEMENS CSA HEADER,10". */
  safePrivateAllowList: string[];
  /** 113112 Retain Institution Identity (off: InstitutionName := project name). */
  retainInstitutionIdentity: boolean;
  /** FIONA compatibility: ReferringPhysicianName etc. carry `EventName:<event>`. */
  fionaCompat: boolean;
  /** AccessionNumber: emptied, or replaced by the salted 16-digit HMAC (FIONA/Sectra compatibility). */
  accessionNumber: 'empty' | 'hmac';
  /** Legacy, non-conformant UID hashing, only to join studies already in the research PACS. */
  legacyUids: boolean;
  /** ClinicalTrialSponsorName (0012,0010); empty: the project name. */
  sponsorName: string;
  /** ClinicalTrialSiteID (0012,0030); empty: left empty. */
  siteId: string;
  /** ClinicalTrialSiteName (0012,0031); empty: left empty. */
  siteName: string;
}

export const DEFAULT_DEID_OPTIONS: Readonly<DeidOptions> = Object.freeze({
  retainModifiedDates: true,
  preserveWeekday: false,
  retainPatientCharacteristics: true,
  retainDeviceIdentity: true,
  cleanDescriptors: true,
  cleanStructuredContent: true,
  cleanGraphics: true,
  keepOverlays: false,
  dropPresentationStates: false,
  cleanPixelData: true,
  retainUids: false,
  retainSafePrivate: false,
  safePrivateAllowList: [] as string[],
  retainInstitutionIdentity: false,
  fionaCompat: true,
  accessionNumber: 'empty' as const,
  legacyUids: false,
  sponsorName: '',
  siteId: '',
  siteName: '',
});

/**
 * Values the de-identification engine does not implement yet. Storing one would promise a behaviour the
 * engine silently does not deliver, so the project API refuses it instead (the defaults are what it does).
 */
const NOT_YET_SUPPORTED: Partial<Record<keyof DeidOptions, boolean>> = {
  retainModifiedDates: false,
  retainPatientCharacteristics: false,
  retainDeviceIdentity: false,
  cleanDescriptors: false,
  cleanStructuredContent: false,
  cleanGraphics: false,
  retainUids: true,
  retainInstitutionIdentity: true,
};

// eslint-disable-next-line no-control-regex
const LABEL = /^[^\\\x00-\x1f\x7f]{0,64}$/;
const PRIVATE_ELEMENT = /^[0-9A-Fa-f]{3}[13579BDFbdf],[^,\\]{1,64},[0-9A-Fa-f]{2}$/;

/** Merge changes into a base set, refusing unknown options and values of the wrong kind (422, naming the option). */
export function mergeDeidOptions(base: DeidOptions, changes: unknown): DeidOptions {
  if (changes === undefined || changes === null) return { ...base, safePrivateAllowList: [...base.safePrivateAllowList] };
  if (typeof changes !== 'object' || Array.isArray(changes)) throw new RuleError('deidOptions: must be an object', 'deidOptions');
  const out: DeidOptions = { ...base, safePrivateAllowList: [...base.safePrivateAllowList] };
  for (const [key, value] of Object.entries(changes as Record<string, unknown>)) {
    const field = `deidOptions.${key}`;
    if (!(key in DEFAULT_DEID_OPTIONS)) throw new RuleError(`${field}: unknown option (known: ${Object.keys(DEFAULT_DEID_OPTIONS).join(', ')})`, field);
    if (key === 'accessionNumber') {
      if (value !== 'empty' && value !== 'hmac') throw new RuleError(`${field}: "empty" or "hmac"`, field);
      out.accessionNumber = value;
    } else if (key === 'safePrivateAllowList') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !PRIVATE_ELEMENT.test(v))) {
        throw new RuleError(`${field}: a list of "gggg,CREATOR,ee" entries with an odd group, e.g. "0029,SIEMENS CSA HEADER,10"`, field);
      }
      out.safePrivateAllowList = [...new Set(value as string[])];
    } else if (typeof DEFAULT_DEID_OPTIONS[key as keyof DeidOptions] === 'string') {
      if (typeof value !== 'string' || !LABEL.test(value)) throw new RuleError(`${field}: at most 64 characters, no backslash or control characters`, field);
      (out as unknown as Record<string, string>)[key] = value.trim();
    } else {
      if (typeof value !== 'boolean') throw new RuleError(`${field}: true or false`, field);
      if (NOT_YET_SUPPORTED[key as keyof DeidOptions] === value) throw new RuleError(`${field}: ${value} is not supported by this version of the de-identification engine`, field);
      (out as unknown as Record<string, boolean>)[key] = value;
    }
  }
  return out;
}

/** Read stored options, filling in options added since they were stored. */
export function parseStoredDeidOptions(json: string): DeidOptions {
  const stored = JSON.parse(json) as Record<string, unknown>;
  const known = Object.fromEntries(Object.entries(stored).filter(([key]) => key in DEFAULT_DEID_OPTIONS));
  return mergeDeidOptions(DEFAULT_DEID_OPTIONS, known);
}
