// multipart/related (RFC 2387) both ways, for DICOMweb: reading a request part by part as it streams in
// (STOW-RS; each part goes to its consumer before the next is read, so a request of any size is never held
// in memory), and writing a response of parts.
import { PassThrough } from 'node:stream';
import { BadRequestError } from '../platform/errors.js';

export interface PartHeaders {
  contentType: string | undefined;
  headers: Record<string, string>;
}

const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary and type parameters of a multipart/related Content-Type. */
export function multipartParams(contentType: string | undefined): { boundary: string; type: string | undefined } {
  const params = new Map<string, string>();
  for (const part of (contentType ?? '').split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  const boundary = params.get('boundary');
  if (!boundary || !/^multipart\/related$/i.test((contentType ?? '').split(';')[0].trim())) {
    throw new BadRequestError('expected Content-Type multipart/related with a boundary', 'content-type');
  }
  return { boundary, type: params.get('type') };
}

function parseHeaders(text: string): PartHeaders {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { contentType: headers['content-type'], headers };
}

/**
 * Calls `onPart` for each part in order with a stream of its body, and waits for it before reading on.
 * Resolves with the consumers' results.
 */
export async function eachPart<R>(source: AsyncIterable<Buffer>, boundary: string, onPart: (headers: PartHeaders, body: AsyncIterable<Buffer>) => Promise<R>): Promise<R[]> {
  const delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  const results: R[] = [];
  // A leading CRLF makes the first boundary look like every other one.
  let buf: Buffer = Buffer.from('\r\n', 'latin1');
  type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'end';
  let state = 'preamble' as State;
  const ended = () => state === 'end';
  let body: PassThrough | undefined;
  let pending: Promise<R> | undefined;

  const write = async (bytes: Buffer) => {
    // A consumer that stopped reading (a refused part) destroyed its stream: the rest of the part is dropped.
    if (!body || body.destroyed || bytes.length === 0) return;
    if (!body.write(bytes)) await new Promise<void>((resolve) => { body!.once('drain', resolve); body!.once('close', resolve); });
  };
  const step = async (final: boolean): Promise<boolean> => {
    if (state === 'preamble') {
      const at = buf.indexOf(delimiter);
      if (at < 0) {
        if (final) throw new BadRequestError('the multipart body holds no part', 'body');
        buf = buf.subarray(Math.max(0, buf.length - delimiter.length));
        return false;
      }
      buf = buf.subarray(at + delimiter.length);
      state = 'after-delimiter';
      return true;
    }
    if (state === 'after-delimiter') {
      if (buf.length < 2) return false;
      if (buf[0] === 0x2d && buf[1] === 0x2d) {
        state = 'end';
        return false;
      }
      const eol = buf.indexOf('\r\n');
      if (eol < 0) return false;
      buf = buf.subarray(eol + 2); // transport padding, then CRLF
      state = 'headers';
      return true;
    }
    if (state === 'headers') {
      const end = buf.indexOf('\r\n\r\n');
      const empty = buf.subarray(0, 2).toString('latin1') === '\r\n';
      if (end < 0 && !empty) {
        if (buf.length > MAX_HEADER_BYTES) throw new BadRequestError('a part header is too long', 'body');
        return false;
      }
      const headerEnd = empty ? 0 : end;
      const headers = parseHeaders(buf.toString('latin1', 0, headerEnd));
      buf = buf.subarray(headerEnd + (empty ? 2 : 4));
      body = new PassThrough({ highWaterMark: 256 * 1024 });
      pending = onPart(headers, body);
      pending.catch(() => undefined);
      state = 'body';
      return true;
    }
    if (state === 'body') {
      const at = buf.indexOf(delimiter);
      if (at < 0) {
        const keep = delimiter.length - 1;
        if (buf.length > keep) {
          await write(buf.subarray(0, buf.length - keep));
          buf = buf.subarray(buf.length - keep);
        }
        return false;
      }
      await write(buf.subarray(0, at));
      buf = buf.subarray(at + delimiter.length);
      if (!body!.destroyed) body!.end();
      results.push(await pending!);
      body = undefined;
      pending = undefined;
      state = 'after-delimiter';
      return true;
    }
    return false;
  };

  try {
    for await (const chunk of source) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      while (await step(false));
      if (ended()) break;
    }
    while (await step(true));
    if (!ended()) throw new BadRequestError('the multipart body ends before its closing boundary', 'body');
    return results;
  } catch (err) {
    body?.destroy(err as Error);
    await pending?.catch(() => undefined);
    throw err;
  }
}

/** A multipart/related response body of the given parts, and its Content-Type. */
export function multipartResponse(type: string, parts: AsyncIterable<{ contentType: string; body: Buffer; location?: string }>): { contentType: string; stream: PassThrough } {
  const boundary = `fiona-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const stream = new PassThrough();
  void (async () => {
    try {
      for await (const part of parts) {
        const head = `--${boundary}\r\nContent-Type: ${part.contentType}\r\n${part.location ? `Content-Location: ${part.location}\r\n` : ''}Content-Length: ${part.body.length}\r\n\r\n`;
        if (!stream.write(head)) await new Promise((r) => stream.once('drain', r));
        if (!stream.write(part.body)) await new Promise((r) => stream.once('drain', r));
        stream.write('\r\n');
      }
      stream.end(`--${boundary}--\r\n`);
    } catch (err) {
      stream.destroy(err as Error);
    }
  })();
  return { contentType: `multipart/related; type="${type}"; boundary=${boundary}`, stream };
}
