// A minimal 2D canvas for the server DOM. Plot draws continuous color legends (legends/ramp.js)
// by filling a 256×1 canvas pixel by pixel and embedding `toDataURL()`; linkedom and jsdom have
// no canvas without the native `canvas` package, so this one records fillRect colours and
// encodes them as a PNG (RFC 2083: signature, IHDR, IDAT = zlib of filtered scanlines, IEND).
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA pixels (row-major, 4 bytes each) → PNG bytes. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++)
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array()),
  ]);
}

/** `#abc`, `#aabbcc`, `rgb(1, 2, 3)`, `rgba(1, 2, 3, 0.5)` → RGBA bytes (black when unknown). */
export function parseColor(color: string): [number, number, number, number] {
  const text = color.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(text);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join("") : hex[1]!;
    return [
      parseInt(h.slice(0, 2), 16),
      parseInt(h.slice(2, 4), 16),
      parseInt(h.slice(4, 6), 16),
      255,
    ];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/.exec(
    text,
  );
  if (rgb)
    return [
      Number(rgb[1]),
      Number(rgb[2]),
      Number(rgb[3]),
      rgb[4] === undefined ? 255 : Math.round(Number(rgb[4]) * 255),
    ];
  return [0, 0, 0, 255];
}

/** The subset of HTMLCanvasElement that Plot's ramp legend uses. */
export class PixelCanvas {
  width = 300;
  height = 150;
  private pixels = new Uint8Array(0);

  getContext(kind: string) {
    if (kind !== "2d") return null;
    this.pixels = new Uint8Array(this.width * this.height * 4);
    const canvas = this;
    return {
      fillStyle: "#000",
      fillRect(x: number, y: number, w: number, h: number) {
        const rgba = parseColor(String(this.fillStyle));
        for (let j = Math.max(0, y); j < Math.min(canvas.height, y + h); j++) {
          for (let i = Math.max(0, x); i < Math.min(canvas.width, x + w); i++)
            canvas.pixels.set(rgba, (j * canvas.width + i) * 4);
        }
      },
    };
  }

  toDataURL(): string {
    return `data:image/png;base64,${encodePng(this.width, this.height, this.pixels).toString("base64")}`;
  }
}
