// Planning an export (pure: the research PACS's answers given as data): BIDS-style NIfTI names from the
// series descriptions, the first matching rule winning, unmatched series keeping the project's layout, and
// IDs made BIDS-safe.
import { describe, expect, it } from 'vitest';
import type { ImagingRecord } from '../forward/imaging-records-repository.js';
import { planExport, type ExportSpec } from './plan.js';
import type { SourceCatalogue, SourceSeries } from './source.js';

const record = { project: 'P', researchStudyUid: '1.2.3', participant: 'P_001', event: 'base-line', studyDate: '20240101' } as ImagingRecord;
const series = (n: number, description: string): SourceSeries => ({ studyUid: '1.2.3', seriesUid: `1.2.3.${n}`, modality: 'MR', seriesNumber: String(n), seriesDescription: description, seriesDate: '' });
const catalogue: SourceCatalogue = {
  series: async () => [series(3, 'ep2d_bold_rest'), series(1, 'T1_MPRAGE'), series(2, 'localizer')],
  instances: async (_study, seriesUid) => [1, 2].map((n) => ({ sopInstanceUid: `${seriesUid}.${n}`, sopClassUid: '1.2.840.10008.5.1.4.1.1.4', instanceNumber: String(n) })),
  close: async () => {},
};

describe('BIDS names', () => {
  it('names NIfTI files from the first matching rule and leaves other series in the layout', async () => {
    const spec: ExportSpec = {
      format: 'nifti',
      layout: '{participant}/{event}/{seriesNumber}_{seriesDescription}/{instanceNumber}.dcm',
      filter: {},
      transforms: {},
      bids: [
        { pattern: '.*MPRAGE.*', suffix: 'anat/T1w' },
        { pattern: '.*bold.*', suffix: 'func/task-rest_bold' },
      ],
    };
    const plan = await planExport('P', spec, [record], catalogue);
    expect(plan.map((p) => [p.series.seriesNumber, p.niftiFolder, p.niftiName])).toEqual([
      ['1', 'sub-P001/ses-baseline/anat', 'sub-P001_ses-baseline_T1w'],
      ['2', 'P_001/base-line/2_localizer', '2_localizer'],
      ['3', 'sub-P001/ses-baseline/func', 'sub-P001_ses-baseline_task-rest_bold'],
    ]);
  });

  it('takes the first rule that matches when several do', async () => {
    const spec: ExportSpec = { format: 'nifti', layout: '{participant}/{seriesNumber}/{instanceNumber}.dcm', filter: {}, transforms: {}, bids: [{ pattern: 'T1.*', suffix: 'anat/T1w' }, { pattern: '.*MPRAGE', suffix: 'anat/other' }] };
    const plan = await planExport('P', spec, [record], catalogue);
    expect(plan.find((p) => p.series.seriesNumber === '1')?.niftiName).toBe('sub-P001_ses-baseline_T1w');
  });
});
