import { describe, expect, it } from "vitest";
import { html, md, tex } from "../../src/display/markup.ts";
import { mimeBundle } from "../../src/display/mime.ts";

describe("md, tex, html", () => {
  it("md gives text/markdown plus text/plain, formatting interpolated numbers", () => {
    expect(mimeBundle(md`loss **${0.1 + 0.2}** after ${500} steps`).data).toEqual({
      "text/markdown": "loss **0.3** after 500 steps",
      "text/plain": "loss **0.3** after 500 steps",
    });
  });

  it("tex keeps backslashes and wraps display math", () => {
    expect(mimeBundle(tex`\frac{1}{2} + \alpha_${3}`).data["text/latex"]).toBe(
      "$$\\frac{1}{2} + \\alpha_3$$",
    );
  });

  it("html gives text/html with a tag-free text/plain", () => {
    expect(mimeBundle(html`<b>${"bold"}</b>`).data).toEqual({
      "text/html": "<b>bold</b>",
      "text/plain": "bold",
    });
  });

  it("accepts a plain string and nests markup", () => {
    expect(md("# Title").text).toBe("# Title");
    const inner = md("*b*");
    expect(md`a ${inner}`.text).toBe("a *b*");
    expect(String(tex("x^2"))).toBe("x^2");
  });
});
