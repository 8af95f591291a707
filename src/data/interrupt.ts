// Lets a front end stop a long lab computation (a training run, a 4,500-start fit) the way
// ipykernel's interrupt stops Python anywhere: while a notebook cell runs, the runtime installs
// a check under a global symbol that throws its KeyboardInterrupt once the user asked to stop,
// and lab loops call checkInterrupt() once per step (optimiser step, fit start). A global symbol
// rather than an import keeps the lab below the runtime (DESIGN.md layers). Outside a notebook
// nothing is installed and the call is one property lookup.
const CHECK = Symbol.for("tsnb.interrupt-check");

export function checkInterrupt(): void {
  (globalThis as { [CHECK]?: () => void })[CHECK]?.();
}
