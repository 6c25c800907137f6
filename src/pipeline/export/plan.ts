// What an export contains: the project's research studies (its imaging record, so only what the project
// owns) narrowed by the filter, their series and instances as the research PACS lists them, and the path
// of each instance in the project's layout. Also the preview of the first paths before anything runs.
import { compilePattern } from '../../platform/patterns.js';
import type { ImagingRecord } from '../forward/imaging-records-repository.js';
import { applyTransforms, parseLayout, renderPath, type Layout, type Transforms } from './layout.js';
import type { SourceCatalogue, SourceInstance, SourceSeries } from './source.js';

export const EXPORT_FORMATS = ['zip', 'nifti', 'both'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFilter {
  participants?: string[];
  events?: string[];
  modalities?: string[];
  /** A pattern the whole series description must match (linear-time engine). */
  seriesDescription?: string;
  /** Study dates from and to, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

export interface BidsRule {
  /** Pattern on the series description. */
  pattern: string;
  /** BIDS datatype folder and suffix, e.g. `anat/T1w`, `func/task-rest_bold`. */
  suffix: string;
}

export interface ExportSpec {
  format: ExportFormat;
  layout: string;
  filter: ExportFilter;
  transforms: Transforms;
  bids?: BidsRule[];
  /** Deliver the finished zip to this SFTP outbox (configured by name). */
  outbox?: string;
}

export interface PlannedInstance extends SourceInstance {
  path: string;
}

export interface PlannedSeries {
  record: ImagingRecord;
  series: SourceSeries;
  instances: PlannedInstance[];
  /** Folder (inside the archive) and base name of the series' NIfTI files. */
  niftiFolder: string;
  niftiName: string;
}

const digits = (date: string | null | undefined) => (date ?? '').replace(/\D/g, '');

/** The imaging records the filter selects (participants already limited to what the requester may see). */
export function selectRecords(records: ImagingRecord[], filter: ExportFilter): ImagingRecord[] {
  const from = digits(filter.from);
  const to = digits(filter.to);
  return records.filter((r) => {
    if (filter.participants?.length && !filter.participants.includes(r.participant)) return false;
    if (filter.events?.length && !filter.events.includes(r.event)) return false;
    const date = digits(r.studyDate);
    if (from && (!date || date < from)) return false;
    if (to && (!date || date > to)) return false;
    return true;
  });
}

export function seriesMatches(series: SourceSeries, filter: ExportFilter): boolean {
  if (filter.modalities?.length && !filter.modalities.map((m) => m.toUpperCase()).includes(series.modality.toUpperCase())) return false;
  if (filter.seriesDescription && !compilePattern(filter.seriesDescription).test(series.seriesDescription)) return false;
  return true;
}

function bidsName(spec: ExportSpec, series: SourceSeries, values: { participant: string; event: string }): { folder: string; name: string } | undefined {
  for (const rule of spec.bids ?? []) {
    if (!compilePattern(rule.pattern).test(series.seriesDescription)) continue;
    const [datatype, suffix] = rule.suffix.includes('/') ? rule.suffix.split('/', 2) : ['', rule.suffix];
    const sub = `sub-${values.participant.replace(/[^A-Za-z0-9]/g, '')}`;
    const ses = `ses-${values.event.replace(/[^A-Za-z0-9]/g, '')}`;
    return { folder: [sub, ses, datatype].filter(Boolean).join('/'), name: `${sub}_${ses}_${suffix}` };
  }
  return undefined;
}

function sortByNumber<T>(items: T[], key: (t: T) => string, tie: (t: T) => string): T[] {
  return [...items].sort((a, b) => (Number(key(a)) || 0) - (Number(key(b)) || 0) || tie(a).localeCompare(tie(b)));
}

/**
 * Walks the selected studies' series in the research PACS and lays out their instances; stops early once
 * `limit` instances are planned (the preview). Paths that would collide get a numbered suffix.
 */
export async function planExport(
  project: string,
  spec: ExportSpec,
  records: ImagingRecord[],
  catalogue: SourceCatalogue,
  limit = Infinity,
  /** Each series as soon as it is planned (so retrieval can start while later series are asked about); `last` when no further series can follow. */
  onSeries?: (series: PlannedSeries, last: boolean) => void,
): Promise<PlannedSeries[]> {
  const layout: Layout = parseLayout(spec.layout);
  const planned: PlannedSeries[] = [];
  const used = new Set<string>();
  let count = 0;
  const selected = selectRecords(records, spec.filter);
  for (const [r, record] of selected.entries()) {
    const allSeries = sortByNumber(await catalogue.series(record.researchStudyUid), (s) => s.seriesNumber, (s) => s.seriesUid);
    const matching = allSeries.filter((s) => seriesMatches(s, spec.filter));
    for (const [n, series] of matching.entries()) {
      if (count >= limit) return planned;
      const found = sortByNumber(await catalogue.instances(record.researchStudyUid, series.seriesUid), (i) => i.instanceNumber, (i) => i.sopInstanceUid);
      const instances: PlannedInstance[] = [];
      let values = { project, participant: record.participant, event: record.event, studyDate: record.studyDate ?? '', modality: series.modality, seriesNumber: series.seriesNumber, seriesDescription: series.seriesDescription, seriesUid: series.seriesUid, instanceNumber: '', sopInstanceUid: '' };
      values = applyTransforms(values, spec.transforms);
      for (const instance of found) {
        let path = renderPath(layout, { ...values, instanceNumber: instance.instanceNumber, sopInstanceUid: instance.sopInstanceUid });
        if (used.has(path)) {
          const dot = path.lastIndexOf('.') > path.lastIndexOf('/') ? path.lastIndexOf('.') : path.length;
          let n = 2;
          while (used.has(`${path.slice(0, dot)}_${n}${path.slice(dot)}`)) n++;
          path = `${path.slice(0, dot)}_${n}${path.slice(dot)}`;
        }
        used.add(path);
        instances.push({ ...instance, path });
      }
      if (instances.length === 0) continue;
      const first = instances[0].path;
      const seriesFolder = first.includes('/') ? first.slice(0, first.lastIndexOf('/')) : '';
      const bids = bidsName(spec, series, values);
      const fallbackName = seriesFolder.split('/').pop() || `series-${series.seriesNumber || 'x'}`;
      const one: PlannedSeries = { record, series, instances, niftiFolder: bids ? bids.folder : seriesFolder, niftiName: bids ? bids.name : fallbackName };
      planned.push(one);
      count += instances.length;
      onSeries?.(one, r === selected.length - 1 && n === matching.length - 1);
    }
  }
  return planned;
}
