// Public surface of Fiona's DICOM network layer.
export type {
  AssociationInfo,
  PresentationContextProposal,
  ContextDecision,
  AssociateDecision,
  StoreRequest,
  FindRequest,
  StoreResult,
  ScpHandlers,
  DimseServerOptions,
  DimseServer,
  ScuOptions,
  ScuAssociation,
  GetRequest,
  GetResult,
  IncomingStore,
  Logger,
} from './types.js';
export { createDimseServer } from './server.js';
export { Status, CommandField } from './command.js';
export * from './uids.js';
export { associate, DimseRejectedError } from './scu.js';
export { encodeIdentifier, decodeIdentifier, type IdentifierElement } from './identifier.js';
