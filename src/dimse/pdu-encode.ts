// Encoders for the small fixed PDUs and P-DATA-TF framing; datasets are framed without being copied.
import { PduType, PDU_HEADER_LENGTH, PDV_HEADER_LENGTH } from './pdu-types.js';

export function pduHeader(type: number, length: number): Buffer {
  const head = Buffer.allocUnsafe(PDU_HEADER_LENGTH);
  head[0] = type;
  head[1] = 0;
  head.writeUInt32BE(length, 2);
  return head;
}

export function encodeReleaseRq(): Buffer {
  return Buffer.from([PduType.ReleaseRq, 0, 0, 0, 0, 4, 0, 0, 0, 0]);
}

export function encodeReleaseRp(): Buffer {
  return Buffer.from([PduType.ReleaseRp, 0, 0, 0, 0, 4, 0, 0, 0, 0]);
}

export function encodeAbort(source: number, reason: number): Buffer {
  return Buffer.from([PduType.Abort, 0, 0, 0, 0, 4, 0, 0, source, reason]);
}

/**
 * Header of a P-DATA-TF carrying exactly one PDV of `fragmentLength` bytes: the PDU header followed by the
 * PDV item header, so the caller writes this and then the fragment itself.
 */
export function pDataHeader(contextId: number, command: boolean, last: boolean, fragmentLength: number): Buffer {
  const head = Buffer.allocUnsafe(PDU_HEADER_LENGTH + PDV_HEADER_LENGTH);
  head[0] = PduType.PData;
  head[1] = 0;
  head.writeUInt32BE(fragmentLength + PDV_HEADER_LENGTH, 2);
  head.writeUInt32BE(fragmentLength + 2, 6);
  head[10] = contextId;
  head[11] = (command ? 1 : 0) | (last ? 2 : 0);
  return head;
}
