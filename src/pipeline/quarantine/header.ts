// Reads what the quarantine index needs from the start of a received dataset. The receiver keeps only a
// bounded prefix of each instance in memory, so this parser stops at the pixel data and tolerates a
// prefix that ends mid-element when the instance is larger than the prefix.
import { inflateRawSync, constants as zlib } from 'node:zlib';
import dicomParser, { type DataSet } from 'dicom-parser';
import { decodeText } from './charset.js';

const DEFLATED = '1.2.840.10008.1.2.1.99';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const MAX_HEADER_INFLATE = 16 * 1024 * 1024;

export interface InstanceHeader {
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  instanceNumber?: string;
  patient: { id?: string; name?: string; birthDate?: string; sex?: string };
  study: {
    accessionNumber?: string;
    studyId?: string;
    date?: string;
    time?: string;
    description?: string;
    manufacturer?: string;
    modelName?: string;
    stationName?: string;
    institutionName?: string;
    operatorsName?: string;
    referringPhysicianName?: string;
  };
  series: { number?: string; description?: string; modality?: string; bodyPartExamined?: string };
}

export class HeaderError extends Error {}

/** A prefix that ends mid-element is fine when the instance is larger than the prefix; bad data is not. */
function parsePrefix(prefix: Uint8Array, transferSyntaxUid: string, complete: boolean): DataSet {
  let bytes = prefix;
  let syntax = transferSyntaxUid;
  if (transferSyntaxUid === DEFLATED) {
    // Bounded: a few KB of deflate can inflate to gigabytes, and the header is at the start. The receiver
    // hands over bytes it already inflated (receive/dataset-check.ts); this path serves recovery.
    let input = prefix;
    for (;;) {
      try {
        bytes = inflateRawSync(input, { finishFlush: complete ? zlib.Z_FINISH : zlib.Z_SYNC_FLUSH, maxOutputLength: MAX_HEADER_INFLATE });
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE' || input.length < 2) throw new HeaderError(`deflated dataset does not inflate: ${(err as Error).message}`);
        input = input.subarray(0, input.length >> 1);
        complete = false;
      }
    }
    syntax = EXPLICIT_LE;
  }
  try {
    return dicomParser.parseDicom(bytes, { TransferSyntaxUID: syntax, untilTag: 'x7fe00010' });
  } catch (err) {
    const partial = (err as { dataSet?: DataSet }).dataSet;
    const reason = (err as { exception?: unknown }).exception ?? err;
    if (!complete && partial) return partial;
    throw new HeaderError(`dataset does not parse: ${String(reason instanceof Error ? reason.message : reason)}`);
  }
}

/**
 * @param prefix the first bytes of the dataset as received (no meta group)
 * @param complete whether prefix is the whole dataset
 */
export function readInstanceHeader(prefix: Uint8Array, transferSyntaxUid: string, complete: boolean): InstanceHeader {
  const dataSet = parsePrefix(prefix, transferSyntaxUid, complete);
  const charset = dataSet.string('x00080005');
  const text = (tag: string): string | undefined => {
    const element = dataSet.elements[tag];
    if (!element || element.length === 0 || element.items) return undefined;
    const end = element.dataOffset + element.length;
    if (end > dataSet.byteArray.length) return undefined;
    const value = decodeText(dataSet.byteArray.subarray(element.dataOffset, end), charset)
      .replace(/[\0 ]+$/, '')
      .replace(/^ +/, '');
    return value === '' ? undefined : value;
  };
  const required = (tag: string, name: string): string => {
    const value = text(tag);
    if (!value) throw new HeaderError(`dataset has no ${name} (${tag.slice(1, 5)},${tag.slice(5)})`);
    return value;
  };
  return {
    sopClassUid: required('x00080016', 'SOP Class UID'),
    sopInstanceUid: required('x00080018', 'SOP Instance UID'),
    studyInstanceUid: required('x0020000d', 'Study Instance UID'),
    seriesInstanceUid: required('x0020000e', 'Series Instance UID'),
    instanceNumber: text('x00200013'),
    patient: { id: text('x00100020'), name: text('x00100010'), birthDate: text('x00100030'), sex: text('x00100040') },
    study: {
      accessionNumber: text('x00080050'),
      studyId: text('x00200010'),
      date: text('x00080020'),
      time: text('x00080030'),
      description: text('x00081030'),
      manufacturer: text('x00080070'),
      modelName: text('x00081090'),
      stationName: text('x00081010'),
      institutionName: text('x00080080'),
      operatorsName: text('x00081070'),
      referringPhysicianName: text('x00080090'),
    },
    series: { number: text('x00200011'), description: text('x0008103e'), modality: text('x00080060'), bodyPartExamined: text('x00180015') },
  };
}
