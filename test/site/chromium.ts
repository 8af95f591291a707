// Debian's Chromium as the site tests launch it (DESIGN.md): headless, and with the background
// networking a closed machine would refuse turned off.
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
