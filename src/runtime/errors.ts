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
