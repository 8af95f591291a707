// Errors of the inverse-scaling experiments: which function and argument (`where`), what it was
// (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad input to the inverse-scaling experiments (`where` names the function and argument). */
export class InverseScalingError extends LabError {}
