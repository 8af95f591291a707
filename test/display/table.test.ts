import { describe, expect, it } from "vitest";
import { mimeBundle } from "../../src/display/mime.ts";
import { table, TABLE_MIME } from "../../src/display/table.ts";

describe("table", () => {
  const rows = [
    { model: "tiny", params: 1_000_000, loss: 2.345678, note: "a<b" },
    { model: "base-large", params: 350_000_000, loss: 0.1 + 0.2 },
  ];

  it("aligns text/plain: numbers right, text left, fixed significant digits", () => {
    expect(mimeBundle(table(rows)).data["text/plain"]).toBe(
      [
        "model          params   loss  note",
        "──────────  ─────────  ─────  ────",
        "tiny          1000000  2.346  a<b",
        "base-large  350000000    0.3",
      ].join("\n"),
    );
  });

  it("renders an escaped HTML table with right-aligned numbers", () => {
    const html = mimeBundle(table(rows)).data["text/html"] as string;
    expect(html).toContain(
      "<thead><tr><th>model</th><th>params</th><th>loss</th><th>note</th></tr></thead>",
    );
    expect(html).toContain('<td style="text-align:right">2.346</td>');
    expect(html).toContain("<td>a&lt;b</td>");
  });

  it("keeps raw values under a vendor MIME type, not application/json", () => {
    const data = mimeBundle(table(rows)).data;
    expect(data["application/json"]).toBeUndefined();
    expect(data[TABLE_MIME]).toEqual({
      columns: ["model", "params", "loss", "note"],
      rows: [
        ["tiny", 1_000_000, 2.345678, "a<b"],
        ["base-large", 350_000_000, 0.30000000000000004, null],
      ],
    });
  });

  it("takes rows as arrays with named columns, digits, a row cap and a caption", () => {
    const t = table(
      Array.from({ length: 5 }, (_, i) => [i, Math.PI * i]),
      { columns: ["i", "pi·i"], digits: 2, maxRows: 2, caption: "Multiples" },
    );
    expect(t.toString()).toBe(
      ["Multiples", "i  pi·i", "─  ────", "0     0", "1   3.1", "… 3 more rows"].join("\n"),
    );
    expect(t.toHTML()).toContain('<tfoot><tr><td colspan="2">… 3 more rows</td></tr></tfoot>');
    expect(t.toJSON().rows).toHaveLength(5);
  });

  it("shows dates, booleans, bigints and nested values in one line", () => {
    const t = table([{ d: new Date(0), b: true, n: 12n, o: { a: [1, 2] }, nan: Number.NaN }]);
    expect(t.toString().split("\n")[2]).toBe(
      "1970-01-01T00:00:00.000Z  true  12  { a: [ 1, 2 ] }  NaN",
    );
    expect(t.toJSON().rows[0]).toEqual([
      "1970-01-01T00:00:00.000Z",
      true,
      12,
      "{ a: [ 1, 2 ] }",
      null,
    ]);
  });
});
