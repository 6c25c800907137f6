// The transfer syntaxes that change how the dataset itself is encoded (the rest only change pixel data).

export const IMPLICIT_VR_LE = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LE = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BE = '1.2.840.10008.1.2.2';

export interface Syntax {
  explicit: boolean;
  littleEndian: boolean;
}

export const IMPLICIT_LE: Syntax = { explicit: false, littleEndian: true };
export const EXPLICIT_LE: Syntax = { explicit: true, littleEndian: true };
export const EXPLICIT_BE: Syntax = { explicit: true, littleEndian: false };

export function syntaxOf(transferSyntaxUid: string): Syntax {
  if (transferSyntaxUid === IMPLICIT_VR_LE) return IMPLICIT_LE;
  if (transferSyntaxUid === EXPLICIT_VR_BE) return EXPLICIT_BE;
  // Every other syntax (deflate after inflating, and all compressed ones) encodes the dataset as explicit LE.
  return EXPLICIT_LE;
}

export function isDeflated(transferSyntaxUid: string): boolean {
  // Not 1.2.840.10008.1.2.8.1 (Deflated Image Frame Compression): there only the frames are deflated.
  return transferSyntaxUid === DEFLATED_EXPLICIT_VR_LE;
}
