// Errors of the emergence experiments: which function and argument (`where`), what it was
// (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

export class EmergenceError extends LabError {}
