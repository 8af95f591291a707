import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endpoint, parseConnection } from "../../kernel/protocol/connection.ts";
import { codePointToUtf16, utf16ToCodePoint } from "../../kernel/protocol/cursor.ts";
import { queryHistory, type HistoryEntry } from "../../kernel/history.ts";
import { SignatureHistory } from "../../kernel/protocol/replay.ts";

const connection = {
  transport: "tcp",
  ip: "127.0.0.1",
  shell_port: 1,
  control_port: 2,
  stdin_port: 3,
  iopub_port: 4,
  hb_port: 5,
  key: "k",
  signature_scheme: "hmac-sha256",
};

describe("parseConnection", () => {
  it("reads the fields of a jupyter_client connection file", () => {
    const info = parseConnection(JSON.stringify({ ...connection, kernel_name: "tsnb" }));
    expect(info).toEqual(connection);
    expect(endpoint(info, "iopub")).toBe("tcp://127.0.0.1:4");
    expect(endpoint({ ...info, transport: "ipc", ip: "/tmp/k" }, "hb")).toBe("ipc:///tmp/k-5");
  });

  it("names the file and the field that is wrong", () => {
    expect(() => parseConnection("{", "/tmp/c.json")).toThrow(/\/tmp\/c.json: not valid JSON/);
    expect(() =>
      parseConnection(JSON.stringify({ ...connection, shell_port: "x" }), "c.json"),
    ).toThrow(/c.json: shell_port must be an integer/);
    expect(() => parseConnection(JSON.stringify({ ...connection, transport: "udp" }))).toThrow(
      /transport must be "tcp" or "ipc"/,
    );
    expect(() => parseConnection(JSON.stringify({ ...connection, key: 3 }))).toThrow(
      /key must be a string/,
    );
  });
});

describe("cursor conversion (code points ↔ UTF-16)", () => {
  it("counts an astral character as one code point and two UTF-16 units", () => {
    const text = "a🎉b";
    expect(codePointToUtf16(text, 2)).toBe(3);
    expect(utf16ToCodePoint(text, 3)).toBe(2);
  });

  it("round-trips every code point position (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.nat(), (text, n) => {
        const points = [...text].length;
        const position = points === 0 ? 0 : n % (points + 1);
        expect(utf16ToCodePoint(text, codePointToUtf16(text, position))).toBe(position);
      }),
      { seed: 5, numRuns: 500 },
    );
  });
});

describe("queryHistory", () => {
  const entries: HistoryEntry[] = [
    { line: 1, input: "const a = 1", output: null },
    { line: 2, input: "a + 1", output: "2" },
    { line: 3, input: "a + 1", output: "2" },
    { line: 4, input: "plot(a)", output: null },
  ];

  it("tail returns the last n entries, with output when asked", () => {
    expect(
      queryHistory(entries, { output: false, raw: true, hist_access_type: "tail", n: 2 }),
    ).toEqual([
      [1, 3, "a + 1"],
      [1, 4, "plot(a)"],
    ]);
    expect(
      queryHistory(entries, { output: true, raw: true, hist_access_type: "tail", n: 1 }),
    ).toEqual([[1, 4, ["plot(a)", null]]]);
  });

  it("range selects lines start ≤ line < stop of this session only", () => {
    expect(
      queryHistory(entries, {
        output: false,
        raw: true,
        hist_access_type: "range",
        session: 0,
        start: 2,
        stop: 4,
      }).map((row) => row[1]),
    ).toEqual([2, 3]);
    expect(
      queryHistory(entries, {
        output: false,
        raw: true,
        hist_access_type: "range",
        session: 7,
        start: 1,
      }),
    ).toEqual([]);
    // -1 is the session before this one (IPython's numbering): this kernel has none.
    expect(
      queryHistory(entries, { output: false, raw: true, hist_access_type: "range", session: -1 }),
    ).toEqual([]);
  });

  it("search matches a glob, optionally unique", () => {
    expect(
      queryHistory(entries, {
        output: false,
        raw: true,
        hist_access_type: "search",
        pattern: "a *",
      }).map((row) => row[1]),
    ).toEqual([2, 3]);
    expect(
      queryHistory(entries, {
        output: false,
        raw: true,
        hist_access_type: "search",
        pattern: "a *",
        unique: true,
      }).map((row) => row[1]),
    ).toEqual([3]);
    expect(
      queryHistory(entries, {
        output: false,
        raw: true,
        hist_access_type: "search",
        pattern: "plot(?)",
      }).map((row) => row[1]),
    ).toEqual([4]);
  });
});

describe("SignatureHistory", () => {
  it("accepts a signature once, lets unsigned messages through, and forgets the oldest when full", () => {
    const history = new SignatureHistory(10);
    expect(history.record("a")).toBe(true);
    expect(history.record("a")).toBe(false);
    expect(history.record("")).toBe(true);
    expect(history.record("")).toBe(true);
    for (let i = 0; i < 10; i++) history.record(`s${i}`);
    // "a" was the oldest: culled to make room, so it is new again.
    expect(history.record("a")).toBe(true);
    expect(history.record("s9")).toBe(false);
  });
});
