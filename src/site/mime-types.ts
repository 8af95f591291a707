// The MIME types of tsnb's own outputs, as the display layer defines them.
export { CLAIM_MIME } from "../display/claim.ts";
export { PLOT_MIME } from "../display/plot-spec.ts";
export type { PlotSpec } from "../display/plot-spec.ts";
