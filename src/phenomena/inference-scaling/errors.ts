// Errors of the inference-scaling experiments: which function and argument (`where`), what it
// was (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad input to an inference-scaling function (`where` names the function and argument). */
export class InferenceScalingError extends LabError {}
