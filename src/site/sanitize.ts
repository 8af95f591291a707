// Raw HTML in markdown cells and text/markdown outputs is sanitised before it reaches the site,
// as JupyterLab sanitises markdown (it uses sanitize-html): DOMPurify, a maintained sanitiser,
// on a jsdom window, with its default allow-list — tables,
// images, details/summary, anchors, MathML and inline SVG stay; scripts, event handlers and
// javascript: URLs go. Cells' text/html outputs are not passed through it: they stay as
// nbconvert renders them (trusted output of the notebook's own code).
import createDOMPurify, { type DOMPurify } from "dompurify";
import { JSDOM } from "jsdom";

let purifier: DOMPurify | undefined;

function instance(): DOMPurify {
  purifier ??= createDOMPurify(new JSDOM("").window as unknown as Window & typeof globalThis);
  return purifier;
}

/** `html` with everything that could run script removed. */
export function sanitizeHtml(html: string): string {
  return instance().sanitize(html, {
    // Heading anchors and KaTeX carry these; DOMPurify keeps them by default, said here so a
    // change of its defaults cannot silently drop them.
    ADD_ATTR: ["target", "aria-hidden", "tabindex"],
  });
}
