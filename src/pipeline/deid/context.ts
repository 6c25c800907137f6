// What a de-identification run needs to know besides the instance: the project, the participant, the secret.

/** One reviewed private element kept under Retain Safe Private, e.g. {creator: 'SIEMENS CSA HEADER', group: 0x0029, element: 0x10}. */
export interface PrivateAllowEntry {
  creator: string;
  group: number;
  /** The low byte of the element (xx in gggg,bbxx), independent of the block the creator reserved. */
  element: number;
}

export interface DeidOptions {
  /** FIONA-compatible values: EventName:<event> in 0008,0090/0040,2001/0040,1002, HMAC accession, StudyID from the UID. */
  fionaCompat: boolean;
  /** AccessionNumber: emptied (Z) or the salted 16-digit HMAC; unset follows fionaCompat. */
  accessionNumber?: 'empty' | 'hmac';
  /** Retain Safe Private allow-list; empty = delete every odd group. */
  retainSafePrivate: PrivateAllowEntry[];
  /** Non-conformant legacy UIDs for the 7 project-keyed tags, so late series join studies made by the old system. */
  legacyUids: 'off' | 'decimal' | 'hex';
  /** Round the date offset to whole weeks (used where the offset is computed, see dateOffsetDays). */
  preserveWeekday: boolean;
  sponsorName?: string;
  siteId?: string;
  siteName?: string;
  /** Refuse presentation states (the FIONA "drop PR series" project flag). */
  dropPresentationStates: boolean;
  /** Keep overlay planes 60xx (project opt-out of Clean Graphics for overlays). */
  keepOverlays: boolean;
  /** The project's participant-ID rule; the pseudonym must match it in full. */
  participantIdPattern?: string;
}

export const defaultOptions: DeidOptions = {
  fionaCompat: false,
  retainSafePrivate: [],
  legacyUids: 'off',
  preserveWeekday: false,
  dropPresentationStates: false,
  keepOverlays: false,
};

export interface DeidContext {
  projectName: string;
  /** The participant pseudonym; becomes PatientName, PatientID and ClinicalTrialSubjectID. */
  participantId: string;
  eventName: string;
  /** The participant's persisted offset (negative days); see dateOffsetDays. */
  dateOffsetDays: number;
  /** The installation secret: keys UIDs, accession numbers and date offsets. Never written anywhere. */
  key: Uint8Array;
  uidRoot: string;
  aeTitle: string;
  options?: Partial<DeidOptions>;
  /**
   * The input's dates are already shifted although it is not recognisably our output: a series made on a
   * workstation from research data (a derived series). UIDs are still mapped; dates are left as they are.
   */
  datesAlreadyShifted?: boolean;
  /**
   * The input is de-identified research data made into an anonymised copy for another project
   * (pipeline/copy/): its dates move again by this context's offset, although it is our own output.
   */
  reshiftDates?: boolean;
}

export const FIONA_DEID_VERSION = '0.1.0';
