// The file meta group the receiver puts in front of a dataset received over the network (PS3.10 7.1):
// the stored file is the received dataset byte for byte behind this header, naming the calling AE.
import { encodeFileMeta } from '../../dicom/meta.js';
import { FIONA_IMPLEMENTATION_UID, FIONA_IMPLEMENTATION_VERSION } from '../../dicom/uid.js';

export interface FileMetaFields {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  sourceAeTitle?: string;
}

export function fileMetaHeader(fields: FileMetaFields): Buffer {
  return encodeFileMeta({
    mediaStorageSopClassUid: fields.sopClassUid,
    mediaStorageSopInstanceUid: fields.sopInstanceUid,
    transferSyntaxUid: fields.transferSyntaxUid,
    implementationClassUid: FIONA_IMPLEMENTATION_UID,
    implementationVersionName: FIONA_IMPLEMENTATION_VERSION,
    sourceApplicationEntityTitle: fields.sourceAeTitle?.trim() || undefined,
  });
}
