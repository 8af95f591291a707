// Errors of the scaling-crossover experiments: which function and argument (`where`), what it
// was (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad input to a scaling-crossover experiment (`where` names the function and argument). */
export class CrossoverError extends LabError {}
