// Reading an export's zip back with yauzl (a reader that is not ours), entry by entry.
import yauzl from 'yauzl';

export interface ZipEntry {
  data: Buffer;
  /** 0 stored, 8 deflated. */
  method: number;
}

/** Every entry of a zip (a file path or the bytes of one), with how it was compressed. */
export async function readZipEntries(source: string | Buffer): Promise<Map<string, ZipEntry>> {
  const options = { lazyEntries: true };
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    const done = (err: Error | null, z: yauzl.ZipFile) => (err ? reject(err) : resolve(z));
    if (typeof source === 'string') yauzl.open(source, options, done);
    else yauzl.fromBuffer(source, options, done);
  });
  const out = new Map<string, ZipEntry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const parts: Buffer[] = [];
        stream.on('data', (c: Buffer) => parts.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, { data: Buffer.concat(parts), method: entry.compressionMethod });
          zip.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

/** Every entry's bytes by name. */
export async function readZip(source: string | Buffer): Promise<Map<string, Buffer>> {
  return new Map([...(await readZipEntries(source))].map(([name, e]) => [name, e.data]));
}
