// Jupyter counts `cursor_pos`, `cursor_start` and `cursor_end` in Unicode code points
// (messaging spec 5.2+, "Cursor position"); JavaScript strings index UTF-16 code units.
// These two conversions sit at the protocol edge so the language code works in UTF-16 only.

/** UTF-16 offset of code point `position` in `text` (clamped to the text). */
export function codePointToUtf16(text: string, position: number): number {
  let units = 0;
  let points = 0;
  while (points < position && units < text.length) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
    points++;
  }
  return units;
}

/** Code point count of `text` up to UTF-16 offset `offset`. */
export function utf16ToCodePoint(text: string, offset: number): number {
  let points = 0;
  for (let units = 0; units < offset && units < text.length; points++) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
  }
  return points;
}
