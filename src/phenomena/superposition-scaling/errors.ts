// Errors of the superposition-scaling experiment: which setting (`where`) was wrong, what it
// was (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad setting of the superposition-scaling experiment (`where` names it). */
export class SuperpositionError extends LabError {}
