// The kernel's logo, drawn in code so the PNGs in this folder can be regenerated and reviewed:
// TypeScript blue rounded square with "TS" set in a 5×7 pixel font. `npx tsx
// kernel/kernelspec/logo.ts` rewrites logo-32x32.png, logo-64x64.png and logo-svg.svg.
// The PNG encoder is hand-written (one IDAT, filter 0) to avoid an image dependency.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BLUE = [0x31, 0x78, 0xc6] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
// 5×7 glyphs, one string per row, "#" = ink.
const GLYPHS: Record<string, string[]> = {
  T: ["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."],
  S: [".####", "#....", "#....", ".###.", "....#", "....#", "####."],
};

/** RGBA pixels of the logo at `size`×`size`. */
export function logoPixels(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const radius = size * 0.18;
  const cell = Math.max(1, Math.floor(size / 16));
  const text = "TS";
  const textWidth = (text.length * 5 + (text.length - 1)) * cell;
  const left = size - textWidth - Math.round(size * 0.09);
  const top = size - 7 * cell - Math.round(size * 0.09);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Rounded corners: distance from the nearest corner circle's centre.
      const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
      const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
      const inside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) <= radius;
      let color: readonly number[] = BLUE;
      const gx = Math.floor((x - left) / cell);
      const gy = Math.floor((y - top) / cell);
      if (x >= left && y >= top && gy < 7) {
        const letter = text[Math.floor(gx / 6)];
        const column = gx % 6;
        if (letter !== undefined && column < 5 && GLYPHS[letter]![gy]![column] === "#")
          color = WHITE;
      }
      const at = (y * size + x) * 4;
      pixels.set([color[0]!, color[1]!, color[2]!, inside ? 255 : 0], at);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** PNG file bytes (8-bit RGBA) for `pixels` of a `size`×`size` image. */
export function encodePng(pixels: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rows.set(pixels.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", new Uint8Array()),
  ]);
}

export function logoSvg(): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">`,
    `<rect width="64" height="64" rx="11.5" fill="#3178c6"/>`,
    `<text x="58" y="56" text-anchor="end" font-family="Helvetica, Arial, sans-serif" font-weight="700" font-size="30" fill="#fff">TS</text>`,
    `</svg>`,
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const folder = new URL(".", import.meta.url);
  for (const size of [32, 64])
    writeFileSync(new URL(`logo-${size}x${size}.png`, folder), encodePng(logoPixels(size), size));
  writeFileSync(new URL("logo-svg.svg", folder), logoSvg());
}
