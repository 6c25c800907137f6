// A refusal: this instance must not leave Fiona. The message is meant for the person who reads the log.

export type RefusalCode =
  | 'unparseable'
  | 'missing-uid'
  | 'invalid-context'
  | 'bad-value'
  | 'verifier-hit'
  | 'dropped-by-option';

/** Where the refusal was met: a tag path of the output, and for a private element its allow-list entry. */
export interface RefusalPlace {
  tagPath: string;
  /** "gggg,CREATOR,ee" when the element is private (what the project's safe-private allow-list names), else null. */
  privateTag: string | null;
}

export class DeidRefusal extends Error {
  override readonly name = 'DeidRefusal';
  constructor(
    readonly code: RefusalCode,
    readonly reason: string,
    /** The reason without identifying values, for logs, transfer errors and web pages (the reason itself may quote them, for the operator at the command line). */
    readonly redactedReason: string = reason,
    /** The places the verifier met identifying values (never the values), for the Review page. */
    readonly places: RefusalPlace[] = [],
  ) {
    super(reason);
  }
}
