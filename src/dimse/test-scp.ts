// A store SCP for tests: writes each dataset, as received, to <dir>/<sopInstanceUid>.bin.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createDimseServer } from './server.js';
import type { DimseServer, DimseServerOptions, ScpHandlers, StoreRequest, StoreResult } from './types.js';

export interface TestScp {
  server: DimseServer;
  port: number;
  stored: StoreRequest[];
  aborts: Error[];
  close(): Promise<void>;
}

export async function startTestScp(
  dir: string,
  overrides: Partial<ScpHandlers> = {},
  options: Partial<Omit<DimseServerOptions, 'handlers'>> = {},
): Promise<TestScp> {
  const stored: StoreRequest[] = [];
  const aborts: Error[] = [];
  const server = createDimseServer({
    aeTitle: 'FIONA',
    maxPduLength: 131072,
    maxAssociations: 8,
    idleTimeoutMs: 30_000,
    artimTimeoutMs: 5_000,
    ...options,
    handlers: {
      presentationContext: (p) => ({ accept: true, transferSyntax: p.transferSyntaxes[0] }),
      store: async (req): Promise<StoreResult> => {
        await pipeline(req.dataset, createWriteStream(join(dir, `${req.sopInstanceUid}.bin`)));
        stored.push(req);
        return { status: 0 };
      },
      aborted: (_info, err) => aborts.push(err),
      ...overrides,
    },
  });
  await server.listen(0, '127.0.0.1');
  return { server, port: server.port(), stored, aborts, close: () => server.close() };
}
