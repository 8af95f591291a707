// Errors of the repeated-data experiments: which function and argument (`where`), what it was
// (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad input to the repeated-data experiments (`where` names the function and argument). */
export class RepeatedDataError extends LabError {}
