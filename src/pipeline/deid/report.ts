// What a run did to one instance: for the audit log, the CLI summary and the review of allow-lists.

export interface AuditEntry {
  tagPath: string;
  reason: string;
}

export interface DeidReport {
  changed: { count: number; tags: string[] };
  removed: { count: number; tags: string[] };
  added: { count: number; tags: string[] };
  /** Removals of attributes the table does not name (unknown LO/SH/text), kept for allow-list review. */
  audit: AuditEntry[];
  /** Section 7: the pixels may show identifying text; the pixel stage must clean or review this instance. */
  atRisk: boolean;
  atRiskReasons: string[];
  warnings: string[];
  /** The input already carried our de-identification marks (dates were not shifted again). */
  alreadyDeidentified: boolean;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  /** The IOD whose attribute types resolved PS3.15's choices ('any composite IOD' for an unknown SOP class). */
  iod: string;
}

export function emptyReport(): DeidReport {
  return {
    changed: { count: 0, tags: [] },
    removed: { count: 0, tags: [] },
    added: { count: 0, tags: [] },
    audit: [],
    atRisk: false,
    atRiskReasons: [],
    warnings: [],
    alreadyDeidentified: false,
    sopInstanceUid: '',
    transferSyntaxUid: '',
    iod: '',
  };
}

export function note(list: { count: number; tags: string[] }, tagPath: string): void {
  list.count++;
  list.tags.push(tagPath);
}
