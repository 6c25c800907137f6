// The structural check of a dataset as it is received (parse before Success): every chunk the spool writes
// also goes through the incremental validator. A deflated dataset is inflated as a stream on the way in
// (zlib's thread pool; nothing is held whole), capped in inflated size so a small "bomb" cannot become gigabytes
// downstream, and its first inflated bytes are kept for the header reader.
import { createInflateRaw, type InflateRaw } from 'node:zlib';
import { once } from 'node:events';
import { StructureError, StructureValidator, DEFAULT_MAX_DEPTH } from '../../dicom/structure-validator.js';
import { EXPLICIT_LE, isDeflated, syntaxOf } from '../../dicom/transfer-syntax.js';

export { StructureError };

export interface DatasetCheckOptions {
  transferSyntaxUid: string;
  /** Largest inflated size of a deflated dataset. */
  maxInflatedBytes: number;
  maxDepth?: number;
  /** How many inflated bytes to keep for the header (deflated datasets only). */
  prefixBytes: number;
}

export interface DatasetCheck {
  /** Checks the next received bytes; throws a StructureError (or resolves later, for back-pressure). */
  write(chunk: Buffer): void | Promise<void>;
  /** The dataset ended: throws a StructureError unless it was whole. */
  end(): Promise<void>;
  /** Deflated datasets: the first inflated bytes and the inflated size (set once end() resolved). */
  inflated?: { prefix: Buffer; bytes: number };
  /** Bytes a header reader that stops at the pixel data needs (undefined: the dataset has no pixel data, or is deflated). */
  headerBytes(): number | undefined;
}

export function createDatasetCheck(options: DatasetCheckOptions): DatasetCheck {
  if (isDeflated(options.transferSyntaxUid)) return new DeflatedCheck(options);
  const validator = new StructureValidator(syntaxOf(options.transferSyntaxUid), options.maxDepth ?? DEFAULT_MAX_DEPTH);
  return {
    write: (chunk) => validator.push(chunk),
    end: async () => validator.finish(),
    headerBytes: () => (validator.pixelDataHeaderEnd < 0 ? undefined : validator.pixelDataHeaderEnd),
  };
}

class DeflatedCheck implements DatasetCheck {
  private readonly validator: StructureValidator;
  private readonly inflater: InflateRaw;
  private readonly prefix: Buffer[] = [];
  private prefixFill = 0;
  private total = 0;
  private error: Error | undefined;
  inflated?: { prefix: Buffer; bytes: number };

  headerBytes(): undefined {
    return undefined;
  }

  constructor(private readonly options: DatasetCheckOptions) {
    this.validator = new StructureValidator(EXPLICIT_LE, options.maxDepth ?? DEFAULT_MAX_DEPTH);
    this.inflater = createInflateRaw();
    this.inflater.on('data', (out: Buffer) => this.onInflated(out));
    this.inflater.on('error', (err) => {
      this.error ??= new StructureError(`deflated dataset does not inflate: ${err.message}`, this.total);
    });
  }

  private onInflated(out: Buffer): void {
    if (this.error) return;
    this.total += out.length;
    if (this.total > this.options.maxInflatedBytes) {
      this.error = new StructureError(`deflated dataset inflates beyond ${this.options.maxInflatedBytes} bytes`, this.total);
      this.inflater.destroy();
      return;
    }
    if (this.prefixFill < this.options.prefixBytes) {
      const part = Buffer.from(out.subarray(0, this.options.prefixBytes - this.prefixFill));
      this.prefix.push(part);
      this.prefixFill += part.length;
    }
    try {
      this.validator.push(out);
    } catch (err) {
      this.error = err as Error;
      this.inflater.destroy();
    }
  }

  write(chunk: Buffer): void | Promise<void> {
    if (this.error) throw this.error;
    if (this.inflater.write(chunk)) return;
    // zlib is behind: wait, so the socket (paused by back-pressure) waits with it.
    return Promise.race([once(this.inflater, 'drain'), once(this.inflater, 'close')])
      .catch(() => undefined)
      .then(() => {
      if (this.error) throw this.error;
    });
  }

  async end(): Promise<void> {
    if (this.error) throw this.error;
    this.inflater.end();
    await Promise.race([once(this.inflater, 'end'), once(this.inflater, 'close')]).catch(() => undefined);
    if (this.error) throw this.error;
    this.validator.finish();
    this.inflated = { prefix: Buffer.concat(this.prefix, this.prefixFill), bytes: this.total };
  }
}
