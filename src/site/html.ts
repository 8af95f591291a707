// HTML text escaping and tiny tag helpers. Every string that reaches a page goes through
// `escapeHtml` unless it is markup this build produced itself (KaTeX, highlight.js, ours).

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A `data-`/`id`/`href` safe slug: lowercase letters, digits and dashes. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "section";
}

/** Embeds JSON in a `<script type="application/json">` without letting `</script>` end it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** nbformat's MultilineString (string or string[]) as one string. */
export function joinSource(source: string | readonly string[] | undefined): string {
  if (source === undefined) return "";
  return typeof source === "string" ? source : source.join("");
}
