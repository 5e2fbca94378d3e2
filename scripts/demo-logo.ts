import { crc32, deflateSync } from 'node:zlib';

const chunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);

/** Call Analytics' logo as a PNG: three white bars on an indigo-to-teal rounded tile, like its brand mark. */
export function callAnalyticsLogo(size = 128): Buffer {
  const radius = size * 0.22;
  const bars = [
    { x: 0.27, height: 0.3 },
    { x: 0.45, height: 0.56 },
    { x: 0.63, height: 0.42 },
  ];
  const barWidth = size * 0.12;
  const baseline = size * 0.76;
  const inRoundedSquare = (x: number, y: number) => {
    const dx = Math.max(radius - x, 0, x - (size - radius));
    const dy = Math.max(radius - y, 0, y - (size - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      if (!inRoundedSquare(px, py)) {
        rows.push(0, 0, 0, 0);
        continue;
      }
      const onBar = bars.some((b) => px >= b.x * size && px <= b.x * size + barWidth && py <= baseline && py >= baseline - b.height * size);
      const t = (px + py) / (2 * size);
      rows.push(...(onBar ? [255, 255, 255, 255] : [mix(0x63, 0x14, t), mix(0x66, 0xb8, t), mix(0xf1, 0xa6, t), 255]));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
