// The kernel's logo, drawn in code so the PNGs in this folder can be regenerated and reviewed:
// TypeScript blue rounded square with "TS" set in a 5×7 pixel font. `npx tsx
// kernel/kernelspec/logo.ts` rewrites logo-32x32.png, logo-64x64.png and logo-svg.svg.
// PNG bytes come from the display layer's encoder (src/display/canvas.ts).
import { writeFileSync } from "node:fs";
import { encodePng } from "../../src/display/canvas.ts";

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
    writeFileSync(
      new URL(`logo-${size}x${size}.png`, folder),
      encodePng(size, size, logoPixels(size)),
    );
  writeFileSync(new URL("logo-svg.svg", folder), logoSvg());
}
