// The listening side: accepts connections, enforces the association limit and owns shutdown.
import { createServer, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ScpAssociation } from './scp-association.js';
import type { DimseServer, DimseServerOptions, Logger } from './types.js';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export function createDimseServer(options: DimseServerOptions): DimseServer {
  const logger = options.logger ?? silent;
  const associations = new Set<ScpAssociation>();
  let counter = 0;
  const prefix = randomBytes(3).toString('hex');

  // Associations per remote address, so one sender (or a few slow ones from one host) cannot take every slot.
  const perAddress = new Map<string, number>();
  const addressLimit = options.maxAssociationsPerAddress ?? Infinity;

  const server = createServer((socket: Socket) => {
    // Counted from connection, not from acceptance: a slot is taken as soon as a peer connects.
    const address = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    const fromAddress = perAddress.get(address) ?? 0;
    const overLimit =
      associations.size >= options.maxAssociations ? ('too many associations' as const) : fromAddress >= addressLimit ? ('too many associations from this address' as const) : false;
    const association: ScpAssociation = new ScpAssociation(socket, {
      options,
      logger,
      id: `${prefix}-${++counter}`,
      overLimit,
      onClosed: () => {
        if (!associations.delete(association)) return;
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
      },
    });
    if (!overLimit) {
      associations.add(association);
      perAddress.set(address, fromAddress + 1);
    }
  });
  server.on('error', (err) => logger.error({ err }, 'DICOM listener error'));

  return {
    listen(port: number, host?: string): Promise<void> {
      return new Promise((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException) => {
          server.off('listening', onListening);
          if (err.code === 'EADDRINUSE') reject(new Error(`DICOM port ${port} is already in use (EADDRINUSE)`, { cause: err }));
          else reject(err);
        };
        const onListening = () => {
          server.off('error', onError);
          resolve();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
      });
    },
    close(graceMs = 0): Promise<void> {
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        // No new associations from now on; the ones under way get graceMs to finish their instances and
        // release, so a stop does not make senders resend what was nearly done.
        const waiting = associations.size > 0 && graceMs > 0;
        const deadline = waiting ? setTimeout(() => associations.forEach((a) => a.shutdown()), graceMs) : undefined;
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        if (!waiting) for (const a of associations) a.shutdown();
      });
    },
    port(): number {
      const address = server.address();
      return address && typeof address === 'object' ? address.port : 0;
    },
    activeAssociations(): number {
      return associations.size;
    },
  };
}
