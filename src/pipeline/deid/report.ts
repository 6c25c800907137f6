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
  /** What the pixel stage did; absent when it did not run (`--no-pixels`, no pixel data). */
  pixels?: PixelReport;
}

export interface PixelReport {
  /** pass: screened, nothing found, pixels unchanged; clean: masks applied and nothing left for OCR. */
  outcome: 'pass' | 'clean';
  frames: number;
  candidates: number;
  /** The rectangles filled, per frame (0-based), and why; never the text that was read. */
  masks: Array<{ frame: number; box: { x: number; y: number; width: number; height: number }; reason: string }>;
  notes: string[];
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
