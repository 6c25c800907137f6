// Known-region masks: rectangles a data manager configures for a project, by manufacturer, model and image
// size (the places where a device always draws the patient's name). They apply to every frame of a matching
// instance, and a match makes the instance at risk (section 7).
import type { Dataset } from '../../../dicom/dataset.js';
import { findText } from '../../../dicom/values.js';
import type { Rect } from './geometry.js';
import type { PixelModule } from './pixel-module.js';

export interface KnownRegion {
  /** Matched case-insensitively against the start of Manufacturer (0008,0070); empty matches any. */
  manufacturer?: string;
  /** Matched case-insensitively against the start of ManufacturerModelName (0008,1090). */
  model?: string;
  rows?: number;
  columns?: number;
  rects: Rect[];
}

const starts = (value: string, prefix?: string) => !prefix || value.toUpperCase().startsWith(prefix.trim().toUpperCase());

export function matchingRegions(regions: KnownRegion[], buf: Buffer, root: Dataset, m: PixelModule): Rect[] {
  const manufacturer = findText(buf, root, 0x00080070) ?? '';
  const model = findText(buf, root, 0x00081090) ?? '';
  return regions
    .filter((r) => starts(manufacturer, r.manufacturer) && starts(model, r.model) && (!r.rows || r.rows === m.rows) && (!r.columns || r.columns === m.columns))
    .flatMap((r) => r.rects);
}
