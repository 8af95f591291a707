// markdown-it plugin: TeX between `$…$` (inline) and `$$…$$` (display) rendered by KaTeX at
// build time, so pages need only KaTeX's CSS and fonts, no script. Delimiter rules follow
// Pandoc's `tex_math_dollars`: an opening `$` has a non-space right after it, a closing `$`
// a non-space right before it and no digit after it, and the first `$` found must close
// (so "costs $5 and $6" stays text).
import katex from "katex";
import type { MarkdownIt, StateBlock, StateInline } from "markdown-it";

/** TeX → HTML+MathML. A TeX error renders the source in red with KaTeX's message as title. */
export function renderTex(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode,
    throwOnError: false,
    output: "htmlAndMathml",
    strict: "ignore",
    trust: false,
  });
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== 0x24 /* $ */) return false;
  const display = src.charCodeAt(pos + 1) === 0x24;
  const open = display ? 2 : 1;
  const start = pos + open;
  if (start >= posMax || isSpace(src.charCodeAt(start))) return false;
  let end = start;
  for (;;) {
    end = src.indexOf(display ? "$$" : "$", end);
    if (end < 0 || end >= posMax) return false;
    if (src.charCodeAt(end - 1) === 0x5c /* \ escapes a dollar */) {
      end += 1;
      continue;
    }
    // the first unescaped `$` must close the span, else this `$` is plain text
    if (!display && (isSpace(src.charCodeAt(end - 1)) || /[0-9]/.test(src[end + 1] ?? "")))
      return false;
    break;
  }
  if (end === start) return false;
  if (!silent) {
    const token = state.push(display ? "math_inline_display" : "math_inline", "math", 0);
    token.content = src.slice(start, end);
    token.markup = display ? "$$" : "$";
  }
  state.pos = end + open;
  return true;
}

function mathBlock(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  let pos = state.bMarks[startLine]! + state.tShift[startLine]!;
  let max = state.eMarks[startLine]!;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (!state.src.startsWith("$$", pos)) return false;
  pos += 2;
  let firstLine = state.src.slice(pos, max);
  let lastLine = "";
  let line = startLine;
  let closed = false;
  if (firstLine.trim().endsWith("$$")) {
    firstLine = firstLine.trim().slice(0, -2);
    closed = true;
  }
  if (silent) return true;
  while (!closed) {
    line += 1;
    if (line >= endLine) break;
    pos = state.bMarks[line]! + state.tShift[line]!;
    max = state.eMarks[line]!;
    if (pos < max && state.tShift[line]! < state.blkIndent) break;
    const text = state.src.slice(pos, max).trim();
    if (text.endsWith("$$")) {
      lastLine = text.slice(0, -2);
      closed = true;
    }
  }
  if (!closed) return false;
  const inner =
    line > startLine + 1 ? state.getLines(startLine + 1, line, state.tShift[startLine]!, true) : "";
  state.line = line + 1;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = [firstLine, inner, lastLine].filter((part) => part.trim() !== "").join("\n");
  token.map = [startLine, state.line];
  token.markup = "$$";
  return true;
}

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.after("escape", "math_inline", mathInline);
  md.block.ruler.before("fence", "math_block", mathBlock, {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });
  md.renderer.rules.math_inline = (tokens, idx) => renderTex(tokens[idx]!.content, false);
  md.renderer.rules.math_inline_display = (tokens, idx) => renderTex(tokens[idx]!.content, true);
  md.renderer.rules.math_block = (tokens, idx) =>
    `<div class="math-display">${renderTex(tokens[idx]!.content, true)}</div>\n`;
}
