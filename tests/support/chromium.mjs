// Headless Chromium for the Node-driven tests and benchmarks (tests/e2e, tests/ecosystem,
// bench): Debian's Chromium driven by playwright-core, which cannot download its own browser
// here. The flags keep it from reaching for the network on its own (background services,
// QUIC, component updates), which this machine's closed network would refuse.
import { chromium } from "playwright-core";

/** The launch flags every headless run uses. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches headless Chromium (`$CHROMIUM` or /usr/bin/chromium) with a fresh temporary
 * profile, plus `extraArgs`.
 *
 * @param {string[]} [extraArgs]
 */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}
