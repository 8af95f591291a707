// Jupyter's canonical JSON layout, byte for byte. nbformat writes notebooks with Python's
// `json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False, separators=(",", ": "))`
// plus a trailing newline. `JSON.stringify(nb, null, 1)` matches that only for insertion-
// ordered keys and integers; this writer also sorts keys by code point (integer-like keys
// included, which JS objects would reorder) and prints floats the way Python's `repr` does.
import { NotebookError } from "./errors.ts";

/** Python's `sorted()` order for str: by Unicode code point (not UTF-16 unit). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only surrogates (0xD800-0xDFFF) disagree with code point order: they encode > 0xFFFF.
    const surrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
    if (surrogate(x) !== surrogate(y)) return surrogate(x) ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** `repr(float)` of CPython ≥ 3.1: shortest round-trip digits; exponent form outside [1e-4, 1e16). */
export function formatPythonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} has no JSON form`);
  // JSON.parse cannot tell `2.0` from `2`; below 1e16 we print integers (nbformat's
  // execution counts, sizes). At 1e16 and up a JS number is past 2**53, so it was a float in
  // any notebook that round-trips at all, and Python prints floats there as `1e+16`.
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  const [mantissa, expText] = n.toExponential().split("e") as [string, string];
  const exp = Number(expText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, "0");
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${whole}.${frac || "0"}`;
}

function write(value: unknown, indent: string, path: string, file: string): string | undefined {
  if (value === null) return "null";
  if (value !== undefined && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) break;
      return formatPythonNumber(value);
    case "undefined":
      return undefined;
    case "object": {
      const inner = indent + " ";
      if (Array.isArray(value)) {
        if (value.length === 0) return "[]";
        const items = value.map((v, i) => write(v, inner, `${path}[${i}]`, file) ?? "null");
        return `[\n${inner}${items.join(`,\n${inner}`)}\n${indent}]`;
      }
      const keys = Object.keys(value as object).sort(compareCodePoints);
      const entries: string[] = [];
      for (const key of keys) {
        const text = write(
          (value as Record<string, unknown>)[key],
          inner,
          path ? `${path}.${key}` : key,
          file,
        );
        if (text !== undefined) entries.push(`${JSON.stringify(key)}: ${text}`);
      }
      if (entries.length === 0) return "{}";
      return `{\n${inner}${entries.join(`,\n${inner}`)}\n${indent}}`;
    }
  }
  throw NotebookError.at({
    file,
    field: path || "(top level)",
    expected: "a JSON value",
    problem: `got ${typeof value === "number" ? String(value) : typeof value}`,
  });
}

/** Serialises `value` in nbformat's layout (no trailing newline). Throws on non-JSON values. */
export function canonicalJson(value: unknown, file = "<notebook>"): string {
  return write(value, "", "", file) ?? "null";
}
