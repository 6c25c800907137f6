// The public contract of the DIMSE library: what the receiver, forwarder and catalogue code against.
import type { Readable } from 'node:stream';

export interface AssociationInfo {
  id: string;
  callingAet: string;
  calledAet: string;
  remoteAddress: string;
  remotePort: number;
}

export interface PresentationContextProposal {
  id: number;
  abstractSyntax: string;
  transferSyntaxes: string[];
}

export type ContextDecision = { accept: true; transferSyntax: string } | { accept: false; result: 3 | 4 | 1 | 2 };

export type AssociateDecision = { accept: true } | { accept: false; result: 1 | 2; source: 1 | 2 | 3; reason: number };

export interface StoreRequest {
  association: AssociationInfo;
  presentationContextId: number;
  messageId: number;
  priority: number;
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  moveOriginatorAet?: string;
  moveOriginatorMessageId?: number;
  /** The dataset bytes exactly as received on the wire (no preamble, no meta), streamed with back-pressure.
   *  Errors with an Error if the association aborts/closes mid-instance. */
  dataset: Readable;
}

export interface StoreResult {
  status: number;
  errorComment?: string;
}

export interface FindRequest {
  association: AssociationInfo;
  presentationContextId: number;
  messageId: number;
  sopClassUid: string;
  transferSyntaxUid: string;
  /** The query identifier as wire bytes in transferSyntaxUid (decode with identifier.ts). */
  identifier: Buffer;
}

export interface ScpHandlers {
  /** Decide at association time (AE titles, limits). Default: accept. */
  associate?(info: AssociationInfo): AssociateDecision | Promise<AssociateDecision>;
  /** Pick a transfer syntax per proposed context. Verification is answered by the library itself
   *  (implicit VR LE when proposed) and is not passed here. */
  presentationContext(proposal: PresentationContextProposal, info: AssociationInfo): ContextDecision;
  /** C-STORE: consume request.dataset completely (or destroy it) and resolve with the status to answer.
   *  The C-STORE-RSP is sent only after this resolves. */
  store?(request: StoreRequest): Promise<StoreResult>;
  /** C-FIND (optional): yield each match as wire bytes in the request's transfer syntax; each is sent as a
   *  pending response, then success. A throw ends the query with 0xC000. Without it, C-FIND gets 0x0211. */
  find?(request: FindRequest): AsyncIterable<Buffer> | Iterable<Buffer>;
  /** C-ECHO is answered by the library with success; C-MOVE/C-GET are answered 0x0211 for now. */
  released?(info: AssociationInfo): void;
  /**
   * The peer asked to release: the A-RELEASE-RP waits for this (work the association's messages left
   * behind their answers, e.g. index rows, so a sender that has finished finds all of it done).
   */
  releasing?(info: AssociationInfo): Promise<void>;
  aborted?(info: AssociationInfo, reason: Error): void;
}

export interface Logger {
  debug(...a: unknown[]): void;
  info(...a: unknown[]): void;
  warn(...a: unknown[]): void;
  error(...a: unknown[]): void;
}

export interface DimseServerOptions {
  aeTitle: string;
  maxPduLength: number;
  maxAssociations: number;
  idleTimeoutMs: number;
  artimTimeoutMs?: number;
  /** A PDU must arrive whole within this long of its first byte (trickled bytes do not extend it). Off when unset. */
  pduTimeoutMs?: number;
  /** While a PDU or message is under way the peer must send at least this many bytes per second (with pduTimeoutMs)… */
  minBytesPerSecond?: number;
  /** …measured over windows of this length (default 20 s). */
  rateWindowMs?: number;
  /** Associations at once from one remote address (default: no limit beyond maxAssociations). */
  maxAssociationsPerAddress?: number;
  handlers: ScpHandlers;
  logger?: Logger;
}

export interface DimseServer {
  listen(port: number, host?: string): Promise<void>;
  /** Stops accepting associations; open ones get graceMs (default 0) to finish before they are aborted. */
  close(graceMs?: number): Promise<void>;
  port(): number;
  activeAssociations(): number;
}

export interface ScuOptions {
  host: string;
  port: number;
  callingAet: string;
  calledAet: string;
  contexts: { abstractSyntax: string; transferSyntaxes: string[] }[];
  maxPduLength?: number;
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
  /** SCP/SCU role selection per SOP class: C-GET needs the SCP role for the storage classes it retrieves. */
  roles?: { sopClassUid: string; scu: boolean; scp: boolean }[];
}

/** A C-STORE sub-operation of a C-GET, as the caller's handler sees it. */
export interface IncomingStore {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  /** The dataset bytes as received (no meta), streamed with back-pressure; consume it or destroy it. */
  dataset: Readable;
}

export interface GetRequest {
  contextId: number;
  sopClassUid: string;
  identifier: Buffer;
  /** Called once per instance the peer sends; C-STORE-RSP carries the status it resolves with. */
  onStore(store: IncomingStore): Promise<StoreResult>;
}

export interface GetResult {
  status: number;
  completed: number;
  failed: number;
  warning: number;
  errorComment?: string;
}

export interface ScuAssociation {
  acceptedContexts(): { id: number; abstractSyntax: string; transferSyntax: string }[];
  /** Find the accepted context for an abstract syntax, preferring the given transfer syntax. */
  contextFor(abstractSyntax: string, transferSyntax?: string): { id: number; transferSyntax: string } | undefined;
  echo(): Promise<number>;
  /** Stream the dataset (wire bytes in the context's transfer syntax; a Readable or Buffer), fragmented to the
   *  peer's max PDU length. Resolves with status + errorComment. */
  store(request: { contextId: number; sopClassUid: string; sopInstanceUid: string; dataset: Readable | Buffer; priority?: number }): Promise<StoreResult>;
  /** C-FIND with an identifier dataset given as wire bytes (caller encodes); resolves with the pending
   *  identifiers as raw Buffers, plus final status. */
  find(request: { contextId: number; sopClassUid: string; identifier: Buffer }): Promise<{ status: number; matches: Buffer[] }>;
  /** C-GET: the peer sends each matching instance back on this association (needs storage contexts with
   *  the SCP role proposed); resolves with the final status and sub-operation counts. */
  get(request: GetRequest): Promise<GetResult>;
  /** C-MOVE: the peer sends each matching instance to the AE title `destination` (a storage SCP it knows by
   *  that title, on its own associations); resolves with the final status and sub-operation counts. */
  move(request: { contextId: number; sopClassUid: string; identifier: Buffer; destination: string }): Promise<GetResult>;
  release(): Promise<void>;
  abort(): void;
}
