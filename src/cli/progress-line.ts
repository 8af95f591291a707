// A one-line progress display for terminals: rewritten in place on a TTY, silent otherwise
// (logs and CI stay clean).
export class ProgressLine {
  private readonly started = performance.now();
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  show(text: string): void {
    if (!this.stream.isTTY) return;
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    const line = `${text}  ${seconds} s`;
    this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 80) - 1)}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }
}
