// A refusal: this instance must not leave Fiona. The message is meant for the person who reads the log.

export type RefusalCode =
  | 'unparseable'
  | 'missing-uid'
  | 'invalid-context'
  | 'bad-value'
  | 'verifier-hit'
  | 'dropped-by-option';

export class DeidRefusal extends Error {
  override readonly name = 'DeidRefusal';
  constructor(
    readonly code: RefusalCode,
    readonly reason: string,
    /** The reason without identifying values, for logs, transfer errors and web pages (the reason itself may quote them, for the operator at the command line). */
    readonly redactedReason: string = reason,
  ) {
    super(reason);
  }
}
