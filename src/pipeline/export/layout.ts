// The project's own folder layout for exports: a template of literal text and named fields, checked once
// (relative, no `..`, safe characters, known fields, one file per instance) and rendered per instance with
// each value made safe for a path segment. Per-export transforms (characters replaced in IDs, cleaned series
// descriptions) apply to the values before they are made safe. Pure: no I/O.

export const LAYOUT_FIELDS = ['project', 'participant', 'event', 'studyDate', 'modality', 'seriesNumber', 'seriesDescription', 'seriesUid', 'instanceNumber', 'sopInstanceUid'] as const;
export type LayoutField = (typeof LAYOUT_FIELDS)[number];

export const DEFAULT_LAYOUT = '{participant}/{event}/{modality}/{seriesNumber}_{seriesDescription}/{instanceNumber}.dcm';

export class LayoutError extends Error {
  override readonly name = 'LayoutError';
}

type Part = { literal: string } | { field: LayoutField; width: number };

export interface Layout {
  template: string;
  parts: Part[];
}

export interface Transforms {
  /** Replace characters in participant and event IDs, e.g. [{ from: '_', to: '-' }]. */
  replaceInIds?: { from: string; to: string }[];
  /** Series descriptions with runs of anything but letters and digits as one `_`, trimmed. */
  cleanSeriesDescription?: boolean;
  /**
   * The participant's birth year (kept at assignment) back into the exported DICOM (PatientBirthDate =
   * YYYY0101) and NIfTI sidecars (PatientBirthYear); only for projects a site admin approved for it.
   */
  birthYear?: boolean;
}

export type LayoutValues = Record<LayoutField, string>;

const MAX_TEMPLATE = 300;
const LITERAL = /^[A-Za-z0-9._\-/ ]*$/;
const TOKEN = /\{([A-Za-z]+)(?::(\d{1,2}))?\}/g;
const FIELDS = new Set<string>(LAYOUT_FIELDS);

/** Parses and checks a template; throws LayoutError naming what is wrong. */
export function parseLayout(template: string): Layout {
  if (typeof template !== 'string' || template.trim() === '') throw new LayoutError('the layout is empty');
  if (template.length > MAX_TEMPLATE) throw new LayoutError(`the layout is longer than ${MAX_TEMPLATE} characters`);
  if (template.startsWith('/')) throw new LayoutError('the layout must be a relative path (it starts with /)');
  if (template.includes('\\')) throw new LayoutError('the layout may not contain a backslash; separate folders with /');
  const parts: Part[] = [];
  let last = 0;
  for (const m of template.matchAll(TOKEN)) {
    if (m.index > last) parts.push({ literal: template.slice(last, m.index) });
    if (!FIELDS.has(m[1])) throw new LayoutError(`unknown field {${m[1]}}; known fields: ${LAYOUT_FIELDS.join(', ')}`);
    parts.push({ field: m[1] as LayoutField, width: m[2] ? Number(m[2]) : 0 });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ literal: template.slice(last) });
  for (const p of parts) {
    if ('literal' in p && !LITERAL.test(p.literal)) throw new LayoutError(`the layout may contain only letters, digits, . _ - / and space outside its {fields} (found "${p.literal}")`);
  }
  const segments = template.split('/');
  if (segments.some((s) => s === '' )) throw new LayoutError('the layout has an empty folder name (// or a trailing /)');
  if (segments.some((s) => s.trim() === '..' || s.trim() === '.')) throw new LayoutError('the layout may not contain . or .. as a folder');
  const fileName = segments[segments.length - 1];
  if (!/\{(instanceNumber|sopInstanceUid)(:\d+)?\}/.test(fileName)) throw new LayoutError('the file name (after the last /) must contain {instanceNumber} or {sopInstanceUid}, so each instance gets its own file');
  return { template, parts };
}

/** A value as one safe path segment: no separators, no leading dots, only portable characters. */
export function safeSegment(value: string): string {
  const cleaned = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._\- ]+/g, '_')
    .replace(/^[. ]+/, '')
    .replace(/[ .]+$/, '')
    .slice(0, 64);
  return cleaned === '' ? 'none' : cleaned;
}

export function applyTransforms(values: LayoutValues, transforms: Transforms = {}): LayoutValues {
  const out = { ...values };
  for (const field of ['participant', 'event'] as const) {
    for (const r of transforms.replaceInIds ?? []) if (r.from) out[field] = out[field].split(r.from).join(r.to);
  }
  if (transforms.cleanSeriesDescription) out.seriesDescription = out.seriesDescription.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return out;
}

/** The relative path of one instance; every field value is made safe, so the result stays inside the export. */
export function renderPath(layout: Layout, values: LayoutValues): string {
  return layout.parts
    .map((p) => {
      if ('literal' in p) return p.literal;
      const raw = values[p.field] ?? '';
      const padded = p.width > 0 && /^\d+$/.test(raw) ? raw.padStart(p.width, '0') : raw;
      return safeSegment(padded);
    })
    .join('');
}

/** The folder of a rendered path (where a series' NIfTI files go). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
