// Section 7's "at risk" test: instances whose pixels may show identifying text. Detected here and reported,
// so the pixel stage (a later issue) knows which instances to clean or route to review.
import type { Dataset } from '../../dicom/dataset.js';
import { findText } from '../../dicom/values.js';

const RISKY_CLASSES: Array<[RegExp, string]> = [
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.7(\.\d+)?$/, 'secondary capture SOP class'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.6\.1$/, 'ultrasound SOP class'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.3\.1$/, 'ultrasound multi-frame SOP class'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.77\.1(\.\d+)*$/, 'visible light (endoscopic/photographic) SOP class'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.104\.1$/, 'encapsulated PDF'],
];

export function atRiskReasons(buf: Buffer, root: Dataset): string[] {
  const reasons: string[] = [];
  if ((findText(buf, root, 0x00280301) ?? '').trim().toUpperCase() === 'YES') reasons.push('BurnedInAnnotation is YES');
  const sopClass = findText(buf, root, 0x00080016) ?? '';
  for (const [pattern, label] of RISKY_CLASSES) if (pattern.test(sopClass)) reasons.push(`${label} (${sopClass})`);
  const imageType = (findText(buf, root, 0x00080008) ?? '').toUpperCase().split('\\').map((v) => v.trim());
  if (imageType.includes('SCREEN SAVE')) reasons.push('ImageType contains SCREEN SAVE');
  if (imageType.some((v) => v === 'DOSE' || v === 'REPORT' || v === 'DOSE REPORT' || v === 'DOSE_INFO')) reasons.push('ImageType marks a dose report');
  const conversion = (findText(buf, root, 0x00080064) ?? '').trim().toUpperCase();
  if (imageType[0] === 'DERIVED' && imageType[1] === 'SECONDARY' && ['WSD', 'SD', 'SI'].includes(conversion)) {
    reasons.push(`DERIVED\\SECONDARY with ConversionType ${conversion}`);
  }
  return reasons;
}
