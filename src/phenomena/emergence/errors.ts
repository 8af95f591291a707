// Errors of the emergence experiments: which function and argument (`where`), what it was
// (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad input to an emergence experiment (`where` names the function and argument). */
export class EmergenceError extends LabError {}
