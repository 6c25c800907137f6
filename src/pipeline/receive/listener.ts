// The DICOM listener: our DIMSE server with the receive policy and the durable store as its handlers.
import { createDimseServer, type DimseServer } from '../../dimse/index.js';
import type { Logger } from '../../platform/logger.js';
import { decideContext, isCallingAeAllowed, type ReceivePolicy } from './policy.js';
import { storeInstance, type StoreDeps } from './store-instance.js';

export interface ListenerOptions extends ReceivePolicy {
  port: number;
  host: string;
  maxAssociations: number;
  maxPduLength: number;
  idleTimeoutSeconds: number;
  /** Slow senders (see dimse/sender-watchdog.ts) and one sender's share of the slots. */
  pduTimeoutSeconds: number;
  minBytesPerSecond: number;
  rateWindowSeconds: number;
  maxAssociationsPerAddress: number;
  store: StoreDeps;
  logger: Logger;
  /** Resolves once every row queued so far is committed (index-batcher's committed()). */
  indexed?: () => Promise<void>;
  /** Told of every C-STORE answered: whether it was Success and how long it took (metrics). */
  onStored?: (success: boolean, seconds: number) => void;
}

const RELEASE_WAIT_MS = 5000;

function withinMs(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

export async function startListener(options: ListenerOptions): Promise<DimseServer> {
  const log = options.logger.child({ component: 'dicom' });
  const server = createDimseServer({
    aeTitle: options.aeTitle,
    maxPduLength: options.maxPduLength,
    maxAssociations: options.maxAssociations,
    idleTimeoutMs: options.idleTimeoutSeconds * 1000,
    pduTimeoutMs: options.pduTimeoutSeconds * 1000,
    minBytesPerSecond: options.minBytesPerSecond,
    rateWindowMs: options.rateWindowSeconds * 1000,
    maxAssociationsPerAddress: options.maxAssociationsPerAddress,
    logger: log,
    handlers: {
      associate: (info) => {
        if (!isCallingAeAllowed(options, info.callingAet)) {
          log.warn({ callingAet: info.callingAet, remoteAddress: info.remoteAddress }, 'association rejected: calling AE not allowed');
          return { accept: false, result: 1, source: 1, reason: 3 };
        }
        log.debug({ callingAet: info.callingAet, remoteAddress: info.remoteAddress, association: info.id }, 'association accepted');
        return { accept: true };
      },
      presentationContext: (proposal) => decideContext(options, proposal.abstractSyntax, proposal.transferSyntaxes),
      store: async (request) => {
        const started = process.hrtime.bigint();
        let success = false;
        try {
          const outcome = await storeInstance(options.store, {
            sopClassUid: request.sopClassUid,
            sopInstanceUid: request.sopInstanceUid,
            transferSyntaxUid: request.transferSyntaxUid,
            callingAet: request.association.callingAet,
            sourceAddress: request.association.remoteAddress,
            dataset: request.dataset,
          });
          success = outcome.status === 0;
          return { status: outcome.status, errorComment: outcome.errorComment };
        } finally {
          options.onStored?.(success, Number(process.hrtime.bigint() - started) / 1e9);
        }
      },
      // The association's index rows are committed before its release is answered: a sender that has
      // finished finds every instance it sent in the index, though each row came behind its Success.
      // Bounded: an index that cannot commit now (retrying) must not hold the sender; its files are safe.
      releasing: options.indexed ? () => withinMs(options.indexed!(), RELEASE_WAIT_MS) : undefined,
      aborted: (info, reason) => log.warn({ association: info.id, callingAet: info.callingAet, reason: reason.message }, 'association aborted'),
    },
  });
  await server.listen(options.port, options.host);
  log.info({ port: server.port(), aeTitle: options.aeTitle }, 'DICOM listener ready');
  return server;
}
