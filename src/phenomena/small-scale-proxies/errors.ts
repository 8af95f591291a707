// Errors of the small-scale-proxies experiment: which setting (`where`) was wrong, what it was
// (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

export class ProxyError extends LabError {}
