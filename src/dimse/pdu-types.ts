// PDU type codes and the abort/reject vocabulary of PS3.8, kept apart so codec and state machine agree on them.

export const PduType = {
  AssociateRq: 0x01,
  AssociateAc: 0x02,
  AssociateRj: 0x03,
  PData: 0x04,
  ReleaseRq: 0x05,
  ReleaseRp: 0x06,
  Abort: 0x07,
} as const;

export const PDU_HEADER_LENGTH = 6;
/** Length field of a PDV item counts its 2 header bytes; the item itself adds 4 for the length field. */
export const PDV_HEADER_LENGTH = 6;

export const AbortSource = { ServiceUser: 0, ServiceProvider: 2 } as const;

export const AbortReason = {
  NotSpecified: 0,
  UnrecognizedPdu: 1,
  UnexpectedPdu: 2,
  UnrecognizedPduParameter: 4,
  UnexpectedPduParameter: 5,
  InvalidPduParameterValue: 6,
} as const;

/** A protocol violation by the peer: the association is aborted with this provider reason. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly abortReason: number = AbortReason.InvalidPduParameterValue,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const REJECT_REASONS: Record<string, string> = {
  '1:1': 'no reason given',
  '1:2': 'application context name not supported',
  '1:3': 'calling AE title not recognized',
  '1:7': 'called AE title not recognized',
  '2:1': 'no reason given (ACSE)',
  '2:2': 'protocol version not supported',
  '3:1': 'temporary congestion',
  '3:2': 'local limit exceeded',
};

export function describeReject(result: number, source: number, reason: number): string {
  const kind = result === 1 ? 'permanent' : result === 2 ? 'transient' : `result ${result}`;
  const text = REJECT_REASONS[`${source}:${reason}`] ?? `source ${source}, reason ${reason}`;
  return `association rejected (${kind}): ${text}`;
}

const ABORT_REASONS: Record<number, string> = {
  0: 'reason not specified',
  1: 'unrecognized PDU',
  2: 'unexpected PDU',
  4: 'unrecognized PDU parameter',
  5: 'unexpected PDU parameter',
  6: 'invalid PDU parameter value',
};

export function describeAbort(source: number, reason: number): string {
  if (source === AbortSource.ServiceUser) return 'association aborted by the peer (service user)';
  return `association aborted by the peer's provider: ${ABORT_REASONS[reason] ?? `reason ${reason}`}`;
}
