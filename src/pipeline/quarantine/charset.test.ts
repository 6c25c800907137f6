import { describe, expect, it } from 'vitest';
import { decodeText } from './charset.js';

describe('text values by Specific Character Set', () => {
  it('reads plain ASCII the same under every set, short or long', () => {
    for (const set of [undefined, 'ISO_IR 100', 'ISO_IR 192', 'ISO_IR 144', 'GB18030']) {
      expect(decodeText(Buffer.from('1.2.840.10008.5.1.4.1.1.2'), set)).toBe('1.2.840.10008.5.1.4.1.1.2');
    }
    const long = 'A'.repeat(300) + '^B';
    expect(decodeText(Buffer.from(long), 'ISO_IR 100')).toBe(long);
  });

  it('decodes bytes above 0x7F by the set: Latin-1, UTF-8, Cyrillic', () => {
    expect(decodeText(Buffer.from('Müller^Jörg', 'latin1'), 'ISO_IR 100')).toBe('Müller^Jörg');
    expect(decodeText(Buffer.from('Müller^Jörg', 'utf8'), 'ISO_IR 192')).toBe('Müller^Jörg');
    expect(decodeText(Buffer.from([0xbb, 0xee, 0xd1, 0xd0]), 'ISO_IR 144')).toBe('Люба');
  });

  it('leaves a value with an ISO 2022 escape to the decoder (not read as plain ASCII)', () => {
    const escaped = Buffer.from([0x1b, 0x2d, 0x41, 0x4d, 0xfc, 0x6c]);
    expect(decodeText(escaped, 'ISO 2022 IR 100')).toBe(new TextDecoder('latin1').decode(escaped));
  });
});
