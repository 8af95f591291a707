// Kernel diagnostics go to stderr, which Jupyter servers copy into their own log; stdout is
// left alone. A logger is passed in (not imported) so tests can assert what was reported.
export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = (level: LogLevel, message: string) => void;

export function stderrLogger(minimum: LogLevel = "info"): Logger {
  const order: LogLevel[] = ["debug", "info", "warn", "error"];
  const threshold = order.indexOf(minimum);
  return (level, message) => {
    if (order.indexOf(level) >= threshold)
      process.stderr.write(`[tsnb kernel ${level}] ${message}\n`);
  };
}
