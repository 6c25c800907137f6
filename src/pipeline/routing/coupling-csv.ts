// Parsing a coupling list (CSV: accession number, participant ID, optional event; comma or semicolon
// separated, optional header row, quoted fields allowed). Pure: every bad row is reported with its line
// number and reason and left out; the good rows are returned.
import { StringDecoder } from 'node:string_decoder';
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

/**
 * The lines of a text (a string, or UTF-8 bytes decoded a piece at a time) in slices of at most `size`,
 * with the number of the first line of each slice; the whole text is never split or decoded in one go.
 */
export function* lineSlices(text: string | Uint8Array, size: number): Generator<{ first: number; lines: string[] }> {
  const decoder = new StringDecoder('utf8');
  const pieces = (function* () {
    if (typeof text === 'string') {
      for (let i = 0; i < text.length; i += TEXT_PIECE) yield text.slice(i, i + TEXT_PIECE);
    } else {
      for (let i = 0; i < text.length; i += TEXT_PIECE) yield decoder.write(text.subarray(i, i + TEXT_PIECE));
      yield decoder.end();
    }
  })();
  let carry = '';
  let first = 1;
  let lines: string[] = [];
  let start = true;
  for (const piece of pieces) {
    let body = carry + piece;
    if (start && body.length > 0) {
      body = body.replace(/^\uFEFF/, '');
      start = false;
    }
    // A CR at the end may be the first half of a CRLF: keep it for the next piece.
    const re = /\r\n|\n|\r(?!$)/g;
    let from = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      lines.push(body.slice(from, m.index));
      from = m.index + m[0].length;
      if (lines.length === size) {
        yield { first, lines };
        first += lines.length;
        lines = [];
      }
    }
    carry = body.slice(from);
  }
  if (carry.endsWith('\r')) carry = carry.slice(0, -1);
  if (carry !== '') lines.push(carry);
  if (lines.length > 0) yield { first, lines };
}

const TEXT_PIECE = 256 * 1024;

/** The accession number a line would give (for looking up stored entries before the line is parsed). */
export function accessionOf(raw: string): string {
  return raw.split(/[;,\t]/)[0]?.replace(/"/g, '').trim() ?? '';
}

export interface CouplingParserOptions {
  /** How a stored entry's participant is named in messages (a member limited to a data access group does not learn other groups' IDs). */
  nameStored?: (participant: string) => string;
}

/**
 * Parses a coupling list slice by slice (so a large list is parsed between other work, not in one go):
 * `slice(lines, first, existing)` with the stored entries of those lines' accession numbers; rows and
 * errors accumulate in order.
 */
export class CouplingParser {
  readonly rows: CouplingRow[] = [];
  readonly errors: CouplingLineError[] = [];
  private readonly pattern: RegExp | { test(value: string): boolean };
  private readonly seen = new Map<string, { participant: string; line: number }>();
  private separator: string | undefined;
  private headerSkipped = false;

  constructor(
    private readonly project: { participantPattern: string; events: readonly string[] },
    private readonly options: CouplingParserOptions = {},
  ) {
    this.pattern = compilePattern(project.participantPattern);
  }

  /** Parse lines numbered from `first`; returns the good rows of this slice. */
  slice(lines: readonly string[], first: number, existing: ReadonlyMap<string, string>): CouplingRow[] {
    const { project } = this;
    const out: CouplingRow[] = [];
    lines.forEach((raw, index) => {
      const line = first + index;
      if (raw.trim() === '' || raw.trim().startsWith('#')) return;
      if (this.separator === undefined) {
        this.separator = (raw.match(/;/g)?.length ?? 0) > (raw.match(/,/g)?.length ?? 0) ? ';' : raw.includes(',') ? ',' : raw.includes('\t') ? '\t' : ',';
      }
      const fields = splitCsvLine(raw, this.separator);
      if (!this.headerSkipped && this.rows.length === 0 && this.errors.length === 0 && HEADER.test(fields[0] ?? '')) {
        this.headerSkipped = true;
        return;
      }
      const [accessionNumber = '', participant = '', eventField = ''] = fields;
      const event = eventField || project.events[0];
      const fail = (error: string) => this.errors.push({ line, error });
      if (fields.length > 3 && fields.slice(3).some((f) => f !== '')) return fail(`expected accession number, participant ID and an optional event; got ${fields.length} fields`);
      if (!accessionNumber) return fail('the accession number is empty');
      if (accessionNumber.length > 64 || accessionNumber.includes('\\') || hasControlCharacters(accessionNumber)) return fail(`accession number "${accessionNumber}" is not valid (1-64 characters, no backslash)`);
      if (!participant) return fail('the participant ID is empty');
      if (participant.length > 64 || !this.pattern.test(participant)) return fail(`participant ID "${participant}" does not match the project's pattern ${project.participantPattern}`);
      if (!project.events.includes(event)) return fail(`unknown event "${event}" (the project's events: ${project.events.join(', ')})`);
      const before = this.seen.get(accessionNumber);
      if (before && before.participant !== participant) return fail(`accession number ${accessionNumber} is listed on line ${before.line} for participant ${before.participant}`);
      const stored = existing.get(accessionNumber);
      if (stored !== undefined && stored !== participant) return fail(`accession number ${accessionNumber} is already coupled to ${this.options.nameStored ? this.options.nameStored(stored) : `participant ${stored}`}`);
      if (before) return; // the same pair twice: once is enough
      this.seen.set(accessionNumber, { participant, line });
      const row = { line, accessionNumber, participant, event };
      this.rows.push(row);
      out.push(row);
    });
    return out;
  }

  /** A row found bad after parsing (the project's cap, the member's group): reported, left out. */
  refuse(row: CouplingRow, error: string): void {
    this.errors.push({ line: row.line, error });
    const at = this.rows.lastIndexOf(row);
    if (at >= 0) this.rows.splice(at, 1);
  }
}

export function parseCouplingList(
  text: string,
  project: { participantPattern: string; events: readonly string[] },
  existing: ReadonlyMap<string, string>,
): ParsedCouplingList {
  const parser = new CouplingParser(project);
  for (const { first, lines } of lineSlices(text, 10_000)) parser.slice(lines, first, existing);
  return { rows: parser.rows, errors: parser.errors };
}
