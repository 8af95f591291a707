// ANSI colour escapes (tracebacks, coloured logs) → HTML spans via ansi_up, with classes
// rather than inline colours so the palette follows the page theme (light/dark). A fresh
// converter per output: ansi_up carries colour state between calls.
import { AnsiUp } from "ansi_up";

export function ansiToHtml(text: string): string {
  const converter = new AnsiUp();
  converter.use_classes = true;
  converter.escape_html = true;
  return converter.ansi_to_html(text);
}
