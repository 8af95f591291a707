// Errors of the scaling-law-estimation experiment: which setting (`where`) was wrong, what it
// was (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad setting of the scaling-law-estimation experiment (`where` names it). */
export class EstimationError extends LabError {}
