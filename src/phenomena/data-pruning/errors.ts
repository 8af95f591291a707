// Errors of the data-pruning experiment: which setting (`where`) was wrong, what it was
// (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad setting of the data-pruning experiment (`where` names it, `expected` what it should be). */
export class PruningError extends LabError {}
