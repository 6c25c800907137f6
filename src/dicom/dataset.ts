// The parsed shape of a dataset: every element with its byte offsets into the source buffer, so a writer can
// copy untouched ranges verbatim and re-encode only what changed.
import type { Syntax } from './transfer-syntax.js';

export const UNDEFINED_LENGTH = -1;

export interface DicomElement {
  tag: number;
  /** VR as written (explicit VR) or from the dictionary (implicit VR; 'UN' when unknown). */
  vr: string;
  /** Offset of the element's first header byte. */
  start: number;
  valueOffset: number;
  /** Value length in bytes, or UNDEFINED_LENGTH. */
  length: number;
  /** Offset just past the element, including a sequence delimiter when the length is undefined. */
  end: number;
  /** Items of a sequence (SQ, or UN holding an implicit-VR LE sequence). */
  items?: DicomItem[];
  /** Encapsulated (fragmented) pixel data: kept as raw bytes, never parsed further. */
  encapsulated?: boolean;
}

export interface DicomItem {
  start: number;
  valueOffset: number;
  length: number;
  end: number;
  dataset: Dataset;
}

export interface Dataset {
  elements: DicomElement[];
  syntax: Syntax;
  /** Where this dataset sits: undefined for the top level, else the sequence element and item index. */
  parent?: { dataset: Dataset; element: DicomElement; index: number };
}
