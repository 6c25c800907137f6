// What an upload holds: files picked or dropped (folders walked), zips opened in the browser (fflate), each
// file checked for the DICOM preamble before anything is sent. A DICOMDIR is the index of a CD, not an
// instance: it is listed and skipped, and the files it indexes (in the same folder) go as any others.
import { unzip } from 'fflate';

export type Verdict = 'dicom' | 'dicomdir' | 'slide' | 'not-dicom' | 'too-large';

export interface UploadItem {
  /** Path as the user knows it (folder/file, or zip name/entry). */
  name: string;
  size: number;
  read: () => Promise<Uint8Array>;
  /** The first bytes only (enough for the preamble and the file meta group). */
  head: () => Promise<Uint8Array>;
  /** The file itself, where there is one (sent as it is, never read whole: slides can be gigabytes). */
  blob?: Blob;
  verdict?: Verdict;
  /** What happened to it: waiting, sending, stored, failed (with why). */
  state: 'checking' | 'skipped' | 'waiting' | 'sending' | 'stored' | 'failed';
  message?: string;
}

const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';

/** A Part-10 file starts with a 128-byte preamble and "DICM"; a DICOMDIR names the directory class in its meta. */
export function classify(head: Uint8Array): Verdict {
  if (isTiff(head)) return 'slide';
  if (head.length < 132 || String.fromCharCode(head[128], head[129], head[130], head[131]) !== 'DICM') return 'not-dicom';
  const meta = new TextDecoder('latin1').decode(head.subarray(132, Math.min(head.length, 132 + 1024)));
  return meta.includes(MEDIA_STORAGE_DIRECTORY) ? 'dicomdir' : 'dicom';
}

/** TIFF (and so SVS), classic or BigTIFF, either byte order. */
export function isTiff(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const order = String.fromCharCode(head[0], head[1]);
  const version = order === 'II' ? head[2] | (head[3] << 8) : order === 'MM' ? (head[2] << 8) | head[3] : 0;
  return version === 42 || version === 43;
}

function isZip(file: File): boolean {
  return /\.zip$/i.test(file.name) || file.type === 'application/zip' || file.type === 'application/x-zip-compressed';
}

function unzipped(file: File): Promise<UploadItem[]> {
  return file.arrayBuffer().then(
    (buffer) =>
      new Promise<UploadItem[]>((resolve, reject) => {
        unzip(new Uint8Array(buffer), (err, entries) => {
          if (err) return reject(new Error(`${file.name}: not a readable zip (${err.message})`));
          resolve(
            Object.entries(entries)
              .filter(([name]) => !name.endsWith('/'))
              .map(([name, bytes]) => ({ name: `${file.name}/${name}`, size: bytes.length, read: async () => bytes, head: async () => bytes.subarray(0, 2048), state: 'checking' as const })),
          );
        });
      }),
  );
}

/** The files behind a pick or a drop, with zips opened. */
export async function itemsOf(files: Array<{ file: File; path: string }>): Promise<UploadItem[]> {
  const out: UploadItem[] = [];
  for (const { file, path } of files) {
    if (isZip(file)) out.push(...(await unzipped(file)));
    else {
      out.push({
        name: path || file.name,
        size: file.size,
        read: async () => new Uint8Array(await file.arrayBuffer()),
        head: async () => new Uint8Array(await file.slice(0, 2048).arrayBuffer()),
        blob: file,
        state: 'checking',
      });
    }
  }
  return out;
}

/** Walks dropped folders (the entries API: the only way a drop reveals a folder's files). */
export async function droppedFiles(items: DataTransferItemList): Promise<Array<{ file: File; path: string }>> {
  const out: Array<{ file: File; path: string }> = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ file, path: `${prefix}${entry.name}` });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  const entries = Array.from(items)
    .map((i) => i.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  for (const entry of entries) await walk(entry, '');
  return out;
}

/** Batches of files to send in one request each: at most `maxBytes` (a single larger file goes alone) and `maxCount`. */
export function batches<T extends { size: number }>(items: T[], maxBytes: number, maxCount: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length && (bytes + item.size > maxBytes || current.length >= maxCount)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.size;
  }
  if (current.length) out.push(current);
  return out;
}

const FAILURE_REASONS: Record<number, string> = {
  0xa700: 'out of resources',
  0xa900: 'the data set does not match its SOP class',
  0xc000: 'cannot be understood',
  0x0110: 'processing failure',
  0x0122: 'SOP class not supported',
};

interface StowAnswer {
  '00081199'?: { Value: Array<Record<string, { Value?: unknown[] }>> };
  '00081198'?: { Value: Array<Record<string, { Value?: unknown[] }>> };
}

/** Sends one batch by STOW-RS; resolves with each file's outcome, in order. Throws on a network error. */
export async function sendBatch(project: string, files: Uint8Array[], csrfToken: string | null): Promise<Array<{ ok: boolean; message: string }>> {
  const boundary = `fiona-upload-${Math.random().toString(36).slice(2)}`;
  const encoder = new TextEncoder();
  const parts: BlobPart[] = [];
  for (const bytes of files) {
    parts.push(encoder.encode(`\r\n--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), bytes as Uint8Array<ArrayBuffer>);
  }
  parts.push(encoder.encode(`\r\n--${boundary}--\r\n`));
  const headers: Record<string, string> = { 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`, accept: 'application/dicom+json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/dicomweb/${encodeURIComponent(project)}/studies`, { method: 'POST', headers, body: new Blob(parts), credentials: 'same-origin' });
  const answer = (await res.json().catch(() => ({}))) as StowAnswer & { error?: string };
  if (![200, 202, 409].includes(res.status)) throw new UploadRefused(answer.error ?? `${res.status} ${res.statusText}`);
  // Parts are answered in the order sent: stored ones in 00081199, refused ones in 00081198; match by UID.
  const uidOf = (item: Record<string, { Value?: unknown[] }>) => String(item['00081155']?.Value?.[0] ?? '');
  const stored = new Set((answer['00081199']?.Value ?? []).map(uidOf));
  const failed = new Map((answer['00081198']?.Value ?? []).map((f) => [uidOf(f), f]));
  return files.map((bytes) => {
    const uid = sopInstanceUidOf(bytes);
    if (stored.has(uid)) return { ok: true, message: 'stored in the quarantine' };
    const f = failed.get(uid);
    const code = Number(f?.['00081197']?.Value?.[0] ?? 0);
    const comment = f?.['00000902']?.Value?.[0];
    return { ok: false, message: `not stored: ${comment ?? FAILURE_REASONS[code] ?? 'refused'}` };
  });
}

export class UploadRefused extends Error {}

/** Sends one whole-slide image to be converted to DICOM on the server. Throws on a network error only. */
export async function sendSlide(project: string, item: UploadItem, csrfToken: string | null): Promise<{ ok: boolean; message: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const body = item.blob ?? new Blob([(await item.read()) as Uint8Array<ArrayBuffer>]);
  const res = await fetch(`/api/projects/${encodeURIComponent(project)}/slides`, { method: 'POST', headers, body, credentials: 'same-origin' });
  const answer = (await res.json().catch(() => ({}))) as { error?: string; stored?: number; failed?: string[] };
  if (res.status !== 201) return { ok: false, message: `not converted: ${answer.error ?? `${res.status} ${res.statusText}`}` };
  if (answer.failed?.length) return { ok: false, message: `converted, but ${answer.failed.length} of its DICOM instances were not stored: ${answer.failed[0]}` };
  return { ok: true, message: `whole-slide image converted to DICOM: ${answer.stored ?? 0} instances stored in the quarantine` };
}

/** (0002,0003) from the file meta group, to match answers to files. */
export function sopInstanceUidOf(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 132;
  while (pos + 8 <= bytes.length && view.getUint16(pos, true) === 0x0002) {
    const element = view.getUint16(pos + 2, true);
    const vr = String.fromCharCode(bytes[pos + 4], bytes[pos + 5]);
    const long = ['OB', 'OW', 'UN', 'SQ', 'UT'].includes(vr);
    const length = long ? view.getUint32(pos + 8, true) : view.getUint16(pos + 6, true);
    const start = pos + (long ? 12 : 8);
    if (element === 0x0003) return new TextDecoder('latin1').decode(bytes.subarray(start, start + length)).replace(/[\0 ]+$/, '');
    pos = start + length;
  }
  return '';
}
