// Parsing a coupling list (CSV: accession number, participant ID, optional event; comma or semicolon
// separated, optional header row, quoted fields allowed). Pure: every bad row is reported with its line
// number and reason and left out; the good rows are returned.
import { compilePattern, hasControlCharacters } from '../../projects/rules.js';

export interface CouplingRow {
  line: number;
  accessionNumber: string;
  participant: string;
  event: string;
}

export interface CouplingLineError {
  line: number;
  error: string;
}

export interface ParsedCouplingList {
  rows: CouplingRow[];
  errors: CouplingLineError[];
}

/** Splits one CSV line; doubled quotes inside quoted fields stand for one quote. */
export function splitCsvLine(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === separator) {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

const HEADER = /accession/i;

export function parseCouplingList(
  text: string,
  project: { participantPattern: string; events: readonly string[] },
  existing: ReadonlyMap<string, string>,
): ParsedCouplingList {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const firstData = lines.find((l) => l.trim() !== '') ?? '';
  const separator = (firstData.match(/;/g)?.length ?? 0) > (firstData.match(/,/g)?.length ?? 0) ? ';' : firstData.includes(',') ? ',' : firstData.includes('\t') ? '\t' : ',';
  const pattern = compilePattern(project.participantPattern);
  const rows: CouplingRow[] = [];
  const errors: CouplingLineError[] = [];
  const seen = new Map<string, { participant: string; line: number }>();
  let headerSkipped = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    const fields = splitCsvLine(raw, separator);
    if (!headerSkipped && rows.length === 0 && errors.length === 0 && HEADER.test(fields[0] ?? '')) {
      headerSkipped = true;
      return;
    }
    const [accessionNumber = '', participant = '', eventField = ''] = fields;
    const event = eventField || project.events[0];
    const fail = (error: string) => errors.push({ line, error });
    if (fields.length > 3 && fields.slice(3).some((f) => f !== '')) return fail(`expected accession number, participant ID and an optional event; got ${fields.length} fields`);
    if (!accessionNumber) return fail('the accession number is empty');
    if (accessionNumber.length > 64 || accessionNumber.includes('\\') || hasControlCharacters(accessionNumber)) return fail(`accession number "${accessionNumber}" is not valid (1-64 characters, no backslash)`);
    if (!participant) return fail('the participant ID is empty');
    if (participant.length > 64 || !pattern.test(participant)) return fail(`participant ID "${participant}" does not match the project's pattern ${project.participantPattern}`);
    if (!project.events.includes(event)) return fail(`unknown event "${event}" (the project's events: ${project.events.join(', ')})`);
    const before = seen.get(accessionNumber);
    if (before && before.participant !== participant) return fail(`accession number ${accessionNumber} is listed on line ${before.line} for participant ${before.participant}`);
    const stored = existing.get(accessionNumber);
    if (stored !== undefined && stored !== participant) return fail(`accession number ${accessionNumber} is already coupled to participant ${stored}`);
    if (before) return; // the same pair twice: once is enough
    seen.set(accessionNumber, { participant, line });
    rows.push({ line, accessionNumber, participant, event });
  });
  return { rows, errors };
}
