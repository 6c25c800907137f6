// Generated Part 10 instances of any size, for back-pressure tests and benchmarks (no test data is that big).
import { writeFileSync } from 'node:fs';
import { SopClass, TransferSyntax } from './uids.js';

/** A Part 10 secondary capture file whose pixel data is `pixelBytes` long. */
export function writeLargeInstance(path: string, pixelBytes: number, sop = '1.2.826.0.1.3680043.2.1125.99.1'): void {
  const el = (group: number, element: number, vr: string, value: Buffer) => {
    const long = vr === 'OB' || vr === 'OW';
    const head = Buffer.alloc(long ? 12 : 8);
    head.writeUInt16LE(group, 0);
    head.writeUInt16LE(element, 2);
    head.write(vr, 4, 'latin1');
    if (long) head.writeUInt32LE(value.length, 8);
    else head.writeUInt16LE(value.length, 6);
    return Buffer.concat([head, value]);
  };
  const ui = (s: string) => Buffer.from(s.length % 2 ? `${s}\0` : s, 'latin1');
  const us = (n: number) => Buffer.from([n & 0xff, n >> 8]);
  const metaBody = Buffer.concat([
    el(2, 1, 'OB', Buffer.from([0, 1])),
    el(2, 2, 'UI', ui(SopClass.SecondaryCaptureImageStorage)),
    el(2, 3, 'UI', ui(sop)),
    el(2, 0x10, 'UI', ui(TransferSyntax.ExplicitVRLittleEndian)),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(metaBody.length);
  const side = Math.floor(Math.sqrt(pixelBytes / 2));
  const dataset = Buffer.concat([
    el(8, 0x16, 'UI', ui(SopClass.SecondaryCaptureImageStorage)),
    el(8, 0x18, 'UI', ui(sop)),
    el(8, 0x60, 'CS', Buffer.from('OT')),
    el(0x10, 0x10, 'PN', Buffer.from('TEST^BIG')),
    el(0x28, 2, 'US', us(1)),
    el(0x28, 4, 'CS', Buffer.from('MONOCHROME2 ')),
    el(0x28, 0x10, 'US', us(side)),
    el(0x28, 0x11, 'US', us(side)),
    el(0x28, 0x100, 'US', us(16)),
    el(0x28, 0x101, 'US', us(16)),
    el(0x28, 0x102, 'US', us(15)),
    el(0x28, 0x103, 'US', us(0)),
    el(0x7fe0, 0x10, 'OW', Buffer.alloc(side * side * 2, 7)),
  ]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), el(2, 0, 'UL', groupLength), metaBody, dataset]));
}
