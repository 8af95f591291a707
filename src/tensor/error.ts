// Errors of the tensor engine: what was wrong (`what`), in which op (`where`) and what was
// expected (`expected`).
import { LabError } from "../data/errors.ts";

/** Bad input to the tensor engine: `where` names the op, `what` what was wrong, `expected` what it should be. */
export class TensorError extends LabError {}
