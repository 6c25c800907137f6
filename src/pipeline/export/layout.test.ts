import { describe, expect, it } from 'vitest';
import { applyTransforms, DEFAULT_LAYOUT, parseLayout, renderPath, type LayoutValues } from './layout.js';

const values: LayoutValues = {
  project: 'Proj', participant: 'P_001', event: 'base_line', studyDate: '20240101', modality: 'MR', seriesNumber: '3',
  seriesDescription: 't1 mprage (sag)', seriesUid: '1.2.3', instanceNumber: '7', sopInstanceUid: '1.2.3.7',
};

describe('export layout', () => {
  it('renders the default layout per instance', () => {
    expect(renderPath(parseLayout(DEFAULT_LAYOUT), values)).toBe('P_001/base_line/MR/3_t1 mprage _sag_/7.dcm');
  });

  it('pads numbers and applies per-export transforms', () => {
    const layout = parseLayout('{participant}/{event}/{seriesNumber:3}_{seriesDescription}/{instanceNumber:4}.dcm');
    const t = applyTransforms(values, { replaceInIds: [{ from: '_', to: '-' }], cleanSeriesDescription: true });
    expect(renderPath(layout, t)).toBe('P-001/base-line/003_t1_mprage_sag/0007.dcm');
  });

  it('keeps hostile values inside their segment', () => {
    const path = renderPath(parseLayout(DEFAULT_LAYOUT), { ...values, participant: '../../etc', event: '/abs', seriesDescription: '..', modality: '' });
    expect(path.split('/')).toHaveLength(5);
    expect(path.split('/').some((s) => s === '..' || s === '.' || s === '')).toBe(false);
    expect(path).toBe('_.._etc/_abs/none/3_none/7.dcm');
  });

  it.each([
    ['/{participant}/{instanceNumber}.dcm', /relative/],
    ['{participant}/../{instanceNumber}.dcm', /\.\./],
    ['{participant}\\{instanceNumber}.dcm', /backslash/],
    ['{participant}/{nope}/{instanceNumber}.dcm', /unknown field \{nope\}/],
    ['{participant}/{seriesNumber}.dcm', /instanceNumber/],
    ['{participant}//{instanceNumber}.dcm', /empty folder/],
    ['{participant}/$HOME/{instanceNumber}.dcm', /only letters/],
    ['', /empty/],
  ])('refuses %s', (template, why) => {
    expect(() => parseLayout(template)).toThrow(why);
  });
});
