// Numbers as notebooks print them: fixed significant digits, so the last bits of float noise
// (0.30000000000000004) never reach a table, a claim or a snapshot (DESIGN.md, Determinism).

/**
 * `x` with `digits` significant digits, trailing zeros dropped: 0.123456 → "0.1235",
 * 1234567.8 → "1.235e+6", 2.5e-7 → "2.5e-7". Integers below 1e15 print in full (they are exact).
 */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (Object.is(x, -0) || x === 0) return "0";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  if (magnitude < -4 || magnitude >= 6) {
    const [mantissa, exponent] = x.toExponential(digits - 1).split("e") as [string, string];
    return `${trimZeros(mantissa)}e${exponent}`;
  }
  const text = x.toPrecision(digits);
  return text.includes("e") ? String(Number(text)) : trimZeros(text);
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
