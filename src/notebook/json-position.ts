// Where JSON text first goes wrong. V8 (Node 20) reports a position only for some syntax
// errors ("Unexpected token 'o', ..."oops"..." has none), and a hand-edited notebook is
// fixed fastest with a line and column; this scanner follows RFC 8259's grammar to find it.

const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class Stop {
  constructor(readonly at: number) {}
}

/** Index of the first character at which `text` stops being valid JSON; undefined if valid. */
export function jsonErrorPosition(text: string): number | undefined {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const match = (pattern: RegExp) => {
    pattern.lastIndex = i;
    if (!pattern.test(text)) throw new Stop(i);
    i = pattern.lastIndex;
  };
  const literal = (word: string) => {
    for (const ch of word) if (text[i++] !== ch) throw new Stop(i - 1);
  };
  const value = (): void => {
    skip();
    const ch = text[i];
    if (ch === "{") return members("}", true);
    if (ch === "[") return members("]", false);
    if (ch === '"') return match(STRING);
    if (ch === "t") return literal("true");
    if (ch === "f") return literal("false");
    if (ch === "n") return literal("null");
    match(NUMBER);
  };
  const members = (close: string, keyed: boolean): void => {
    i++;
    skip();
    if (text[i] === close) return void i++;
    for (;;) {
      if (keyed) {
        skip();
        if (text[i] !== '"') throw new Stop(i);
        match(STRING);
        skip();
        if (text[i] !== ":") throw new Stop(i);
        i++;
      }
      value();
      skip();
      if (text[i] === ",") i++;
      else if (text[i] === close) return void i++;
      else throw new Stop(i);
    }
  };
  try {
    value();
    skip();
    return i < text.length ? i : undefined;
  } catch (stop) {
    if (stop instanceof Stop) return stop.at;
    throw stop;
  }
}
