// Applications for a new project: the form a researcher fills in, checked as a pure function, and the
// states an application goes through (pending → approved | declined, or changes-requested → pending).
import { RuleError } from '../platform/errors.js';
import { checkDate, checkEvents, checkParticipantPattern, checkProjectName, hasControlCharacters } from './rules.js';

export const APPLICATION_STATUSES = ['pending', 'changes-requested', 'approved', 'declined'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface ApplicationForm {
  name: string;
  rekNumber: string;
  startDate: string;
  endDate: string;
  principalInvestigator: string;
  description: string;
  modalities: string[];
  expectedVolume: string;
  participantPattern: string;
  events: string[];
  agreementAccepted: boolean;
}

export interface Application {
  id: string;
  form: ApplicationForm;
  applicant: string;
  status: ApplicationStatus;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function text(value: string, field: string, max: number): string {
  const t = value.trim();
  if (!t || t.length > max || hasControlCharacters(t, field === 'description' ? '\t\n\r' : '')) throw new RuleError(`${field}: 1-${max} characters, no control characters`, field);
  return t;
}

const MODALITY = /^[A-Z]{2,4}$/;

/** Check the form; throws a RuleError naming the first bad field. */
export function checkApplicationForm(f: ApplicationForm): ApplicationForm {
  const startDate = checkDate(f.startDate, 'startDate');
  const endDate = checkDate(f.endDate, 'endDate');
  if (endDate < startDate) throw new RuleError('endDate: must not be before startDate', 'endDate');
  if (f.modalities.length === 0 || f.modalities.length > 20) throw new RuleError('modalities: 1-20 DICOM modality codes (CT, MR, …)', 'modalities');
  f.modalities.forEach((m, i) => {
    if (!MODALITY.test(m)) throw new RuleError(`modalities[${i}]: a DICOM modality code (2-4 capital letters)`, `modalities[${i}]`);
  });
  if (f.agreementAccepted !== true) throw new RuleError('agreementAccepted: the end-user agreement must be accepted', 'agreementAccepted');
  return {
    name: checkProjectName(f.name),
    rekNumber: text(f.rekNumber, 'rekNumber', 64),
    startDate,
    endDate,
    principalInvestigator: text(f.principalInvestigator, 'principalInvestigator', 200),
    description: text(f.description, 'description', 2000),
    modalities: [...new Set(f.modalities)],
    expectedVolume: text(f.expectedVolume, 'expectedVolume', 200),
    participantPattern: checkParticipantPattern(f.participantPattern),
    events: checkEvents(f.events),
    agreementAccepted: true,
  };
}
