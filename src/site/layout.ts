// Fills the page template `site/templates/layout.html`: `{{name}}` is replaced by escaped
// text, `{{{name}}}` by HTML this build produced. An unknown slot is an error naming it,
// so a template typo fails the build instead of shipping "{{titel}}".
import { escapeHtml } from "./html.ts";

export type Slots = Record<string, string>;

export function fillTemplate(template: string, slots: Slots, templateName = "template"): string {
  return template.replace(
    /\{\{(\{?)\s*([a-zA-Z_]+)\s*\}?\}\}/g,
    (_match, raw: string, name: string) => {
      const value = slots[name];
      if (value === undefined)
        throw new Error(
          `${templateName}: slot "${name}" has no value; expected one of ${Object.keys(slots).join(", ")}`,
        );
      return raw ? value : escapeHtml(value);
    },
  );
}

export interface LayoutSlots {
  /** Relative path from the page to the site root: "." or "..". */
  root: string;
  title: string;
  description: string;
  /** Extra `<script>` tags (Plot and d3 only on pages with charts). */
  scripts: string;
  body: string;
  footer: string;
  bodyClass: string;
}

export function renderLayout(template: string, slots: LayoutSlots): string {
  return fillTemplate(template, { ...slots }, "layout.html");
}
