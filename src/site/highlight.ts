// Build-time syntax highlighting with highlight.js, so pages ship coloured code without a
// client highlighter. Notebook code cells are TypeScript (kernelspec language "typescript").
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import bash from "highlight.js/lib/languages/bash";
import { escapeHtml } from "./html.ts";

hljs.registerLanguage("typescript", typescript);
hljs.registerLanguage("javascript", javascript);
hljs.registerLanguage("json", json);
hljs.registerLanguage("python", python);
hljs.registerLanguage("bash", bash);

/** Highlighted HTML for `code` (inner HTML of a `<code>`); unknown languages are escaped only. */
export function highlightCode(code: string, language: string): string {
  const lang = language.toLowerCase() === "ts" ? "typescript" : language.toLowerCase();
  if (!hljs.getLanguage(lang)) return escapeHtml(code);
  return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
}
