// Errors of the small-scale-proxies experiment: which setting (`where`) was wrong, what it was
// (`what`) and what was expected.
import { LabError } from "../../data/errors.ts";

/** Bad setting of the small-scale-proxies experiment (`where` names it). */
export class ProxyError extends LabError {}
