// Errors of the grokking experiment: which setting (`where`) was wrong, what it was (`what`)
// and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad setting of a grokking run: `where` names the field, `expected` what it should be. */
export class GrokkingError extends LabError {}
