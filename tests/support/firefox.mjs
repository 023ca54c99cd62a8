// Headless Firefox for the Node-driven tests (tests/ecosystem): Debian's Firefox ESR driven by
// geckodriver over W3C WebDriver (plain HTTP + JSON, through fetch). Playwright cannot drive
// Debian's Firefox, and the npm geckodriver package downloads its binary, which fails here;
// scripts/setup.sh installs geckodriver with cargo, as the browser tests use it.
import { spawn } from "node:child_process";

/** Firefox preferences that keep it from reaching for the network on its own. */
const PREFS = {
  "app.update.disabledForTesting": true,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.shell.checkDefaultBrowser": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "extensions.update.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "toolkit.telemetry.enabled": false,
};

/**
 * Starts geckodriver (`$GECKODRIVER`, or `geckodriver` on PATH) on a free port and a headless
 * Firefox session (`$FIREFOX`, or /usr/bin/firefox-esr) with a fresh temporary profile.
 */
export async function launchFirefox() {
  const driver = spawn(process.env.GECKODRIVER ?? "geckodriver", ["--port", "0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () => driver.kill();
  process.on("exit", stop);
  let log = "";
  const base = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`geckodriver did not start listening:\n${log}`)), 30_000);
    const seen = (chunk) => {
      log = (log + chunk).slice(-20_000); // read on (a full pipe would block the driver), keep the tail
      const match = /Listening on (\S+:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        done(`http://${match[1]}`);
      }
    };
    driver.stdout.on("data", seen);
    driver.stderr.on("data", seen);
    driver.on("error", (e) => fail(new Error(`geckodriver did not start (run scripts/setup.sh): ${e.message}`)));
    driver.on("exit", (code) => fail(new Error(`geckodriver exited (${code}) before listening:\n${log}`)));
  });

  /** One WebDriver command; resolves to its `value`, rejects with the driver's error. */
  async function command(method, path, body) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
    return value;
  }

  let session;
  try {
    session = await command("POST", "/session", {
      capabilities: {
        alwaysMatch: {
          browserName: "firefox",
          "moz:firefoxOptions": {
            binary: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
            args: ["-headless"],
            prefs: PREFS,
          },
        },
      },
    });
  } catch (e) {
    stop();
    throw e;
  }
  const id = `/session/${session.sessionId}`;
  return {
    /** The browser's version, e.g. "153.8.0". */
    version: String(session.capabilities.browserVersion),
    /** Navigates and waits for the page's load event. */
    goto: (url) => command("POST", `${id}/url`, { url }),
    /** Runs `script` (a function body; `arguments` holds `args`) in the page and returns its result. */
    evaluate: (script, ...args) => command("POST", `${id}/execute/sync`, { script, args }),
    async close() {
      try {
        await command("DELETE", id);
      } finally {
        stop();
        process.off("exit", stop);
      }
    },
  };
}
