// What the listener accepts, decided at association time (never after the data has been sent): which
// calling AEs, which SOP classes and which transfer syntaxes. Pure: the listener asks, this answers.
export const VERIFICATION = '1.2.840.10008.1.1';

/** Transfer syntaxes stored as received. Anything else is refused at negotiation (result 4). */
export const SUPPORTED_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([
  '1.2.840.10008.1.2', // implicit VR little endian
  '1.2.840.10008.1.2.1', // explicit VR little endian
  '1.2.840.10008.1.2.1.99', // deflated explicit VR little endian
  '1.2.840.10008.1.2.2', // explicit VR big endian (retired, still sent by old modalities)
  '1.2.840.10008.1.2.5', // RLE lossless
  '1.2.840.10008.1.2.4.50', // JPEG baseline
  '1.2.840.10008.1.2.4.51', // JPEG extended
  '1.2.840.10008.1.2.4.57', // JPEG lossless
  '1.2.840.10008.1.2.4.70', // JPEG lossless SV1
  '1.2.840.10008.1.2.4.80', // JPEG-LS lossless
  '1.2.840.10008.1.2.4.81', // JPEG-LS near-lossless
  '1.2.840.10008.1.2.4.90', // JPEG 2000 lossless
  '1.2.840.10008.1.2.4.91', // JPEG 2000
  '1.2.840.10008.1.2.4.92', // JPEG 2000 part 2 lossless
  '1.2.840.10008.1.2.4.93', // JPEG 2000 part 2
  '1.2.840.10008.1.2.4.100', // MPEG2 MP@ML
  '1.2.840.10008.1.2.4.101', // MPEG2 MP@HL
  '1.2.840.10008.1.2.4.102', // MPEG-4 AVC/H.264
  '1.2.840.10008.1.2.4.103', // MPEG-4 AVC/H.264 BD
  '1.2.840.10008.1.2.4.201', // HTJ2K lossless
  '1.2.840.10008.1.2.4.202', // HTJ2K lossless RPCL
  '1.2.840.10008.1.2.4.203', // HTJ2K
]);

const STORAGE_ROOT = '1.2.840.10008.5.1.4.1.1.';
/** Storage classes that live outside 1.2.840.10008.5.1.4.1.1 (RT ion/treatment records, hanging protocols are not storage). */
const OTHER_STORAGE = [/^1\.2\.840\.10008\.5\.1\.4\.34\./, /^1\.2\.840\.10008\.5\.1\.4\.43\./, /^1\.2\.840\.10008\.5\.1\.4\.44\./, /^1\.2\.840\.10008\.5\.1\.4\.45\./];

export interface ReceivePolicy {
  aeTitle: string;
  allowedCallingAets: readonly string[];
  acceptUnknownSopClasses: boolean;
}

export type ContextAnswer = { accept: true; transferSyntax: string } | { accept: false; result: 3 | 4 };

export function isStorageSopClass(uid: string): boolean {
  return uid.startsWith(STORAGE_ROOT) || OTHER_STORAGE.some((re) => re.test(uid));
}

export function decideContext(policy: ReceivePolicy, abstractSyntax: string, transferSyntaxes: readonly string[]): ContextAnswer {
  const known = abstractSyntax === VERIFICATION || isStorageSopClass(abstractSyntax);
  // A UID outside the DICOM root is a vendor's private storage class; a DICOM UID that is not storage
  // (query/retrieve, worklist, …) is a service we do not offer.
  const privateClass = !abstractSyntax.startsWith('1.2.840.10008.');
  if (!known && !(privateClass && policy.acceptUnknownSopClasses)) return { accept: false, result: 3 };
  if (abstractSyntax === VERIFICATION) {
    const syntax = transferSyntaxes.find((ts) => ts === '1.2.840.10008.1.2.1' || ts === '1.2.840.10008.1.2');
    return syntax ? { accept: true, transferSyntax: syntax } : { accept: false, result: 4 };
  }
  // The sender's order is its preference; honouring it keeps the stored bytes what the sender meant to send.
  const syntax = transferSyntaxes.find((ts) => SUPPORTED_TRANSFER_SYNTAXES.has(ts));
  return syntax ? { accept: true, transferSyntax: syntax } : { accept: false, result: 4 };
}

export function isCallingAeAllowed(policy: ReceivePolicy, callingAet: string): boolean {
  return policy.allowedCallingAets.length === 0 || policy.allowedCallingAets.includes(callingAet.trim());
}
