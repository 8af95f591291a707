// The runtime's errors: values with a name Jupyter front ends show as `ename`, a message
// (`evalue`) and, for syntax errors, the position in the cell's own source.

export class KeyboardInterrupt extends Error {
  constructor() {
    super("execution interrupted");
    this.name = "KeyboardInterrupt";
  }
}

export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "SyntaxError";
  }
}

/** A bare import specifier found in neither the notebook's folder nor tsnb's installation. */
export class ModuleNotFoundError extends Error {
  readonly code = "ERR_MODULE_NOT_FOUND";
  constructor(message: string) {
    super(message);
    this.name = "ModuleNotFoundError";
  }
}

/** A top-level `await` on a promise that nothing can settle any more: no timer, I/O or input is pending. */
export class UnsettledAwaitError extends Error {
  constructor() {
    super(
      "the cell awaits a promise that can never settle: nothing is pending (no timer, I/O, " +
        "child process or input request) that could resolve it",
    );
    this.name = "UnsettledAwaitError";
  }
}

/** An exception thrown, or a promise rejected, by a callback after the cell that scheduled it returned. */
export class LateError extends Error {
  constructor(readonly original: unknown) {
    const inner =
      original instanceof Error ? `${original.name}: ${original.message}` : String(original);
    super(`a callback failed after its cell returned (${inner})`);
    this.name = "LateError";
    if (original instanceof Error && original.stack) this.stack = original.stack;
  }
}
