// A small tiled RGB TIFF (uncompressed, little endian), as whole-slide scanners write them (they write JPEG
// tiles in a pyramid; OpenSlide reads either): a gradient with a checkerboard, so the tiles differ.
export function tiledTiff(width: number, height: number, tile = 256): Buffer {
  const across = Math.ceil(width / tile);
  const down = Math.ceil(height / tile);
  const count = across * down;
  const tileBytes = tile * tile * 3;
  const entries: Array<[tag: number, type: 3 | 4, count: number, value: number]> = [];
  const ENTRIES = 12;
  const ifdEnd = 8 + 2 + ENTRIES * 12 + 4;
  const bitsAt = ifdEnd;
  const offsetsAt = bitsAt + 6;
  const countsAt = offsetsAt + 4 * count;
  const dataAt = countsAt + 4 * count;
  entries.push([256, 4, 1, width], [257, 4, 1, height], [258, 3, 3, bitsAt], [259, 3, 1, 1], [262, 3, 1, 2], [277, 3, 1, 3], [284, 3, 1, 1]);
  entries.push([322, 4, 1, tile], [323, 4, 1, tile], [324, 4, count, count === 1 ? dataAt : offsetsAt], [325, 4, count, count === 1 ? tileBytes : countsAt], [339, 3, 1, 1]);
  const out = Buffer.alloc(dataAt + count * tileBytes);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, n, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(n, at + 4);
    if (type === 3 && n === 1) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(value, at + 8);
  });
  for (let i = 0; i < 3; i++) out.writeUInt16LE(8, bitsAt + 2 * i);
  for (let t = 0; t < count; t++) {
    const [tx, ty] = [t % across, Math.floor(t / across)];
    const base = dataAt + t * tileBytes;
    out.writeUInt32LE(base, offsetsAt + 4 * t);
    out.writeUInt32LE(tileBytes, countsAt + 4 * t);
    for (let y = 0; y < tile; y++) {
      for (let x = 0; x < tile; x++) {
        const [gx, gy] = [tx * tile + x, ty * tile + y];
        const at = base + (y * tile + x) * 3;
        out[at] = Math.floor((gx * 255) / width) & 255;
        out[at + 1] = Math.floor((gy * 255) / height) & 255;
        out[at + 2] = ((gx >> 5) + (gy >> 5)) % 2 ? 200 : 60;
      }
    }
  }
  return out;
}
