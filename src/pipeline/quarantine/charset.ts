// Decoding of text values by Specific Character Set (0008,0005). Enough for the index: the single-byte
// ISO 8859 sets and UTF-8; ISO 2022 code extensions fall back to Latin-1 for the default repertoire.
import { TextDecoder } from 'node:util';

const decoders = new Map<string, TextDecoder>();

const labels: Record<string, string> = {
  'ISO_IR 192': 'utf-8',
  'ISO_IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 166': 'windows-874',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

function decoderFor(specificCharacterSet: string | undefined): TextDecoder {
  const first = (specificCharacterSet ?? '').split('\\').map((s) => s.trim()).find(Boolean) ?? '';
  const label = labels[first.replace(/^ISO 2022 /, '')] ?? 'latin1';
  let decoder = decoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = new TextDecoder('latin1');
    }
    decoders.set(label, decoder);
  }
  return decoder;
}

/** Bytes below 0x80 and not ESC: the same characters in every supported set (ISO 2022 escapes start with ESC). */
function isPlainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80 || bytes[i] === 0x1b) return false;
  return true;
}

export function decodeText(bytes: Uint8Array, specificCharacterSet: string | undefined): string {
  // Most values (UIDs, dates, codes) are plain ASCII: read directly, without a decoder look-up and its copy
  // (a fifth of the header's time per received instance in the profile of bench:receive).
  if (bytes.length <= 256 && isPlainAscii(bytes)) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  return decoderFor(specificCharacterSet).decode(bytes);
}
