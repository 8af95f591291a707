// Errors of the data-pruning experiment: which setting (`where`) was wrong, what it was
// (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

export class PruningError extends LabError {}
