// Errors of the knowledge-capacity experiments: which function and argument (`where`), what it was
// (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad input to the knowledge-capacity experiments (`where` names the function and argument). */
export class KnowledgeCapacityError extends LabError {}
