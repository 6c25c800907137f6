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
  ) {
    super(reason);
  }
}
