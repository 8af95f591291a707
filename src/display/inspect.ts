// `text/plain` of any value: Node's util.inspect with limits, so printing a 10-million-element
// tensor or a deep graph costs the same as printing a small one (issue 2: "size-bounded").
import { inspect } from "node:util";

export const INSPECT_OPTIONS = {
  depth: 4,
  maxArrayLength: 100,
  maxStringLength: 10_000,
  breakLength: 100,
  compact: 3,
  colors: false,
  sorted: false,
  getters: false,
} as const;

/** Hard cap on the inspection's length, for values whose many small parts add up. */
export const MAX_TEXT_LENGTH = 100_000;

/** `text/plain` form of any value via Node's util.inspect (depth 4, 100 array items), cut at 100 000 characters. */
export function inspectValue(value: unknown): string {
  const text = inspect(value, INSPECT_OPTIONS);
  if (text.length <= MAX_TEXT_LENGTH) return text;
  return `${text.slice(0, MAX_TEXT_LENGTH)}\n… (${text.length - MAX_TEXT_LENGTH} more characters)`;
}
