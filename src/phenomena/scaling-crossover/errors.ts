// Errors of the scaling-crossover experiments: which function and argument (`where`), what it
// was (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

export class CrossoverError extends LabError {}
