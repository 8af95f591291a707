// Errors of the tensor engine: what was wrong (`what`), in which op (`where`) and what was
// expected (`expected`).
import { LabError } from "../data/errors.ts";

export class TensorError extends LabError {}
