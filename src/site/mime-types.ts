// The MIME types tsnb's display layer emits, as the site reads them. Kept here until
// src/display exports CLAIM_MIME and PLOT_MIME; then this file re-exports those.
export const CLAIM_MIME = "application/vnd.tsnb.claim+json";
export const PLOT_MIME = "application/vnd.tsnb.plot+json";
