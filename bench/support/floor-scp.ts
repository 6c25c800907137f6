// The floors of any receiver built on our DIMSE layer in Node: the same listener code as `fiona serve`, with a
// store handler that reads each dataset and answers Success either without storing anything (`nothing`) or
// after the file operations a store that never shows a partial file needs, done the cheapest way — create a
// temporary file, write meta header and dataset in one call, link it into its folder, remove the temporary
// name, close (`files`; no parse, no index, no fsync) — or only what DCMTK storescp does with a file: create
// it under its final name, write, close (`direct`; a partial file can be seen). bench:receive runs each as a
// receiver of its own (a separate process, like the others), so what Fiona's store path costs above the
// protocol, Node's event loop and the file system is printed beside what those cost by themselves.
// Usage: node bin/run-ts.js bench/support/floor-scp.ts <port> nothing|files|direct [folder]; prints "ready" once
// listening, stops on SIGTERM.
import { closeSync, linkSync, mkdirSync, openSync, unlinkSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { createDimseServer } from '../../src/dimse/index.js';
import { fileMetaHeader } from '../../src/pipeline/receive/file-meta.js';

const port = Number(process.argv[2]);
const mode = process.argv[3] === 'files' || process.argv[3] === 'direct' ? process.argv[3] : 'nothing';
const folder = process.argv[4] ?? '';
if (mode !== 'nothing') mkdirSync(join(folder, 'store'), { recursive: true });
let count = 0;

function store(uid: string, meta: Buffer, chunks: Buffer[]): void {
  if (mode === 'direct') {
    const fd = openSync(join(folder, 'store', `${uid}.dcm`), 'wx', 0o640);
    writevSync(fd, [meta, ...chunks]);
    closeSync(fd);
    return;
  }
  const temp = join(folder, `${++count}.part`);
  const fd = openSync(temp, 'wx', 0o640);
  writevSync(fd, [meta, ...chunks]);
  linkSync(temp, join(folder, 'store', `${uid}.dcm`));
  unlinkSync(temp);
  closeSync(fd);
}

const server = createDimseServer({
  aeTitle: 'FLOOR',
  maxPduLength: 1024 * 1024,
  maxAssociations: 16,
  idleTimeoutMs: 60_000,
  handlers: {
    presentationContext: (p) => ({ accept: true, transferSyntax: p.transferSyntaxes[0] }),
    store: (request) =>
      new Promise((resolve) => {
        const chunks: Buffer[] = [];
        request.dataset.on('data', (chunk: Buffer) => mode !== 'nothing' && chunks.push(chunk));
        request.dataset.once('end', () => {
          try {
            if (mode !== 'nothing') store(request.sopInstanceUid, fileMetaHeader(request), chunks);
            resolve({ status: 0 });
          } catch {
            resolve({ status: 0xa700 });
          }
        });
        request.dataset.once('error', () => resolve({ status: 0x0110 }));
      }),
  },
});
await server.listen(port, '127.0.0.1');
console.log('ready');
process.once('SIGTERM', () => void server.close(0).then(() => process.exit(0)));
