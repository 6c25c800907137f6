// The C-MOVE destination of exports: Fiona's own export AE on a port of its own, apart from the quarantine's
// listener. It takes only instances a running export asked for (by SOP Instance UID) and writes them into
// that export's work folder; anything else is refused and nothing reaches the quarantine. Started on first
// use, so a process that never moves (or runs no exports) binds no port.
import { createDimseServer, Status, TransferSyntax, type DimseServer, type Logger } from '../../dimse/index.js';
import { writeInstanceFile, type MoveTarget, type RetrievedInstance } from './source.js';

export interface MoveReceiverOptions {
  aet: string;
  host: string;
  port: number;
  logger?: Logger;
}

const KNOWN_SYNTAXES = new Set<string>(Object.values(TransferSyntax));

interface Waiting {
  fileFor: (uid: string) => string;
  received: RetrievedInstance[];
}

export class MoveReceiver implements MoveTarget {
  private server: DimseServer | undefined;
  private starting: Promise<void> | undefined;
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly options: MoveReceiverOptions) {}

  get aet(): string {
    return this.options.aet;
  }

  /** Listens (once); a port that is taken fails with that reason. */
  start(): Promise<void> {
    this.starting ??= this.listen().catch((err: Error) => {
      this.starting = undefined;
      throw new Error(`the export C-MOVE receiver ${this.options.aet} cannot listen on ${this.options.host}:${this.options.port}: ${err.message}`, { cause: err });
    });
    return this.starting;
  }

  port(): number {
    return this.server?.port() ?? 0;
  }

  private async listen(): Promise<void> {
    const server = createDimseServer({
      aeTitle: this.options.aet,
      maxPduLength: 1024 * 1024,
      maxAssociations: 16,
      idleTimeoutMs: 120_000,
      logger: this.options.logger,
      handlers: {
        associate: (info) => (info.calledAet.trim() === this.options.aet ? { accept: true } : { accept: false, result: 1, source: 1, reason: 7 }),
        // Every storage class, in the syntax the PACS holds it (its first proposed syntax we can name), so the bytes arrive as stored.
        presentationContext: (proposal) => {
          const ts = proposal.transferSyntaxes.find((t) => KNOWN_SYNTAXES.has(t));
          return ts ? { accept: true, transferSyntax: ts } : { accept: false, result: 4 };
        },
        store: async (request) => {
          const waiting = this.waiting.get(request.sopInstanceUid);
          if (!waiting) {
            request.dataset.resume();
            return { status: Status.NotAuthorized, errorComment: 'no export is waiting for this instance' };
          }
          const file = waiting.fileFor(request.sopInstanceUid);
          waiting.received.push(await writeInstanceFile(request, file, request.association.callingAet));
          return { status: Status.Success };
        },
      },
    });
    await server.listen(this.options.port, this.options.host);
    this.server = server;
  }

  expect(sopInstanceUids: string[], fileFor: (sopInstanceUid: string) => string): { received: RetrievedInstance[]; done(): void } {
    const entry: Waiting = { fileFor, received: [] };
    for (const uid of sopInstanceUids) this.waiting.set(uid, entry);
    return {
      received: entry.received,
      done: () => {
        for (const uid of sopInstanceUids) if (this.waiting.get(uid) === entry) this.waiting.delete(uid);
      },
    };
  }

  async stop(): Promise<void> {
    await this.server?.close(0);
    this.server = undefined;
    this.starting = undefined;
  }
}
