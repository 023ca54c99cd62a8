// End-to-end test of the example app (www-example/) in headless Chromium, against the local
// API emulator. Run it with scripts/example-tests.sh (installs the built package into
// www-example first); directly: node tests/e2e/example.test.mjs [--update-screenshot].
//
// The app runs in Vite's dev server (through its JS API): that is what a developer runs
// (`./scripts/demo.sh --app`) and it is the one Vite mode where the SDK's loader has to find
// its .wasm outside the bundle (node_modules/.vite/deps). scripts/example-tests.sh type-checks
// the app first; the package under `vite build` is the ecosystem tests' job (tests/ecosystem/).
//
// Each scenario resets the emulator and reloads the page, then checks both what the user
// sees and what the emulator received. Console errors fail a scenario unless it expects them
// (Chromium logs every non-2xx fetch response as "Failed to load resource").
//
// The success screenshot goes to test-results/example-success.png (git-ignored); with
// --update-screenshot (or ADULTWORK_UPDATE_SCREENSHOT=1) also to docs/example-success.png, the
// README's picture. Not by default: it differs on every run (dates, the emulator's port).

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../support/chromium.mjs";
import { createServer } from "vite";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// scripts/example-tests.sh passes the binary; otherwise the default of scripts/common.sh.
const CACHE = process.env.ADULTWORK_CACHE ?? join(homedir(), ".cache", "adultwork-sdk");
const EMULATOR =
  process.env.ADULTWORK_EMULATOR ??
  join(process.env.CARGO_TARGET_DIR ?? join(CACHE, "target"), "debug", "adultwork-emulator");
const UPDATE_SCREENSHOT =
  process.argv.includes("--update-screenshot") || process.env.ADULTWORK_UPDATE_SCREENSHOT === "1";
const CANCEL_PATH = "/v1/PhoneChat/CancelMadeBooking";

/** @type {import("node:child_process").ChildProcess | undefined} */
let emulator;
/** @type {string} */
let api;
/** @type {import("vite").ViteDevServer | undefined} */
let vite;
/** @type {string} */
let appUrl;
/** @type {import("playwright-core").Browser | undefined} */
let browser;
/** @type {import("playwright-core").Page} */
let page;
/** Console errors and page errors of the current scenario. @type {string[]} */
let consoleErrors = [];

// ---- the emulator ---------------------------------------------------------------------------

/** Starts the emulator on a free port; resolves to its base URL. */
function startEmulator() {
  return new Promise((resolve, reject) => {
    const child = spawn(EMULATOR, ["--port", "0", "--quiet"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    emulator = child;
    const timer = setTimeout(() => reject(new Error("the emulator did not start in 10 s")), 10_000);
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /^listening on (\S+)/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${EMULATOR} (cargo build -p adultwork-emulator): ${e.message}`));
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code}`));
    });
  });
}
// Never leave it running, whatever happens.
process.on("exit", () => emulator?.kill());

/** Calls the emulator's control API. */
async function control(method, path, body) {
  const response = await fetch(`${api}/__emulator/${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `emulator ${method} ${path}: HTTP ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

/** Every request the API received since the last reset, CORS preflights included. */
const allRequests = () => control("GET", "requests");
/** The API requests, without CORS preflights. */
const apiRequests = async () => (await allRequests()).filter((r) => r.method !== "OPTIONS");

/** Polls `check` (async, returns a value or undefined) until it returns a value. */
async function eventually(what, check, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// ---- the app --------------------------------------------------------------------------------

/** Loads the app and waits until it is ready (the submit button is enabled once the SDK is). */
async function openApp() {
  await page.goto(appUrl);
  await page.locator("#submit:not([disabled])").waitFor({ timeout: 15_000 });
}

/** Fills the booking fields and submits (the API fields keep their emulator defaults). */
async function submit(bookingId, reason) {
  await page.getByLabel("Booking ID").fill(bookingId);
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Cancel booking" }).click();
}

const text = async (locator) => (await locator.textContent())?.trim() ?? "";

/** Fails on console errors of this scenario that match none of `expected`. */
function assertNoConsoleErrorsBut(...expected) {
  const unexpected = consoleErrors.filter((e) => !expected.some((re) => re.test(e)));
  assert.deepEqual(unexpected, [], "unexpected console errors");
}

// ---- setup ----------------------------------------------------------------------------------

before(async () => {
  api = await startEmulator();
  // The app reads its default API target from VITE_ADULTWORK_BASE_URL, as with scripts/example.sh.
  process.env.VITE_ADULTWORK_BASE_URL = api;
  vite = await createServer({
    root: join(ROOT, "www-example"),
    logLevel: "warn",
    server: { host: "127.0.0.1", port: 0, strictPort: true, watch: null },
  });
  await vite.listen();
  appUrl = vite.resolvedUrls?.local[0] ?? assert.fail("Vite did not report its URL");
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
});

after(async () => {
  await browser?.close();
  await vite?.close();
  emulator?.kill();
});

beforeEach(async () => {
  await control("POST", "reset");
  consoleErrors = [];
  await openApp();
});

// ---- scenarios ------------------------------------------------------------------------------

test("cancels booking 1001 and shows the cancelled booking as a card", async () => {
  const reason = "Something came up, sorry.";
  await submit("1001", reason);

  const card = page.getByRole("article", { name: "Booking 1001" });
  await card.waitFor({ timeout: 10_000 });
  assert.equal(await text(card.locator("[data-status]")), "Cancelled");
  assert.equal(await text(card.locator(".cancellation .reason")), reason);
  const shown = await card.innerText(); // what is rendered (not the collapsed raw JSON)
  for (const words of [
    "15 minutes with VelvetVoice",
    "8 credits",
    "VelvetVoice calls you on 447700900123", // Method 1, in words
    "score +6",
    "by BookingClient",
  ]) {
    assert.ok(shown.includes(words), `the card shows "${words}": ${shown}`);
  }

  // Exactly one API call, with the exact documented request.
  const requests = await apiRequests();
  assert.equal(requests.length, 1, JSON.stringify(requests));
  const [sent] = requests;
  assert.equal(sent.method, "POST");
  assert.equal(sent.path, CANCEL_PATH);
  assert.equal(sent.body, JSON.stringify({ BookingID: 1001, Reason: reason }));
  assert.equal(sent.headers.authorization, "bearer test-token");
  assert.equal(sent.headers["content-type"], "application/json");
  assert.equal(sent.outcome, "responded");
  assert.equal((await control("GET", "bookings/1001")).Status, "Cancelled");

  await page.evaluate(() => window.scrollTo(0, 0));
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  const shot = join(ROOT, "test-results", "example-success.png");
  await page.screenshot({ path: shot });
  if (UPDATE_SCREENSHOT) {
    mkdirSync(join(ROOT, "docs"), { recursive: true });
    copyFileSync(shot, join(ROOT, "docs", "example-success.png"));
  }
  assertNoConsoleErrorsBut();
});

test("a refused cancellation (1005, already cancelled) shows the server's message", async () => {
  await submit("1005", "Changed my mind");

  const alert = page.locator('[data-error-kind="Conflict"]');
  await alert.waitFor({ timeout: 10_000 });
  assert.equal(await text(alert.locator(".server-message")), "The booking is already cancelled.");
  assert.match(await text(alert), /Conflict · HTTP 409/);
  assert.equal(await page.locator(".booking").count(), 0);
  assert.equal((await apiRequests()).length, 1);
  assertNoConsoleErrorsBut(/status of 409/);
});

test("load booking first: shows the booking and whether it can be cancelled, then cancels", async () => {
  const load = async (bookingId) => {
    await page.getByLabel("Booking ID").fill(bookingId);
    await page.getByRole("button", { name: "Load booking" }).click();
    await page.locator("#result[data-state=booking] .booking").waitFor({ timeout: 10_000 });
  };
  await load("1003");
  assert.equal(await page.locator("[data-verdict]").getAttribute("data-verdict"), "ok");
  assert.equal(await text(page.locator(".booking [data-status]")), "Confirmed");
  await load("1005");
  assert.equal(await page.locator("[data-verdict]").getAttribute("data-verdict"), "AlreadyCancelled");
  assert.match(await text(page.locator("[data-verdict]")), /already cancelled/);
  await load("1004");
  assert.equal(await page.locator("[data-verdict]").getAttribute("data-verdict"), "SessionPassed");
  assert.match(await text(page.locator("[data-verdict]")), /rescheduled instead/);
  // Loading only reads: three GETs, nothing changed.
  const reads = await apiRequests();
  assert.deepEqual(
    reads.map((r) => `${r.method} ${r.path}?${r.query}`),
    [1003, 1005, 1004].map((id) => `GET /v1/PhoneChat/MadeBookingDetails?BookingID=${id}`),
  );
  // Then the user confirms the cancellation of the one that can be cancelled.
  await page.getByLabel("Booking ID").fill("1003");
  await submit("1003", "Double-booked");
  await page.locator(".booking .cancellation").waitFor({ timeout: 10_000 });
  assert.equal(await text(page.locator(".booking [data-status]")), "Cancelled");
  assert.equal((await apiRequests()).at(-1).method, "POST");
  assertNoConsoleErrorsBut();
});

test("validation issues appear next to both fields and nothing is sent", async () => {
  const bookingError = page.locator("#bookingId-error");
  const reasonError = page.locator("#reason-error");

  for (const bookingId of ["abc", "0"]) {
    await submit(bookingId, "   ");
    await page.locator('[data-error-kind="InvalidRequest"]').waitFor({ timeout: 10_000 });
    // The messages are the SDK's issues, placed by issue.path, and announced with each field.
    assert.ok(await bookingError.isVisible());
    const expected = bookingId === "abc" ? /integer.*got NaN/ : /from 1 to 2147483647.*got 0/;
    assert.match(await text(bookingError), expected);
    assert.ok(await reasonError.isVisible());
    assert.match(await text(reasonError), /non-whitespace/);
    for (const [label, error] of [["Booking ID", "bookingId-error"], ["Reason", "reason-error"]]) {
      const field = page.getByLabel(label);
      assert.equal(await field.getAttribute("aria-invalid"), "true");
      assert.ok((await field.getAttribute("aria-describedby"))?.split(" ").includes(error));
    }
    const shown = await page.locator(".field-error:not([hidden])").count();
    assert.equal(shown, 2, "one issue per field, no leftovers");
  }
  // Not even a CORS preflight: the SDK rejected before any I/O.
  assert.deepEqual(await allRequests(), []);

  // Fixing the fields clears the issues.
  await submit("1002", "Fixed");
  await page.getByRole("article", { name: "Booking 1002" }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator(".field-error:not([hidden])").count(), 0);
  assertNoConsoleErrorsBut();
});

test("the abort button stops a slow call: Aborted in the UI, client-gone in the log", async () => {
  await control("POST", "faults", { delayMs: 10_000 });
  await submit("1001", "Something came up");

  // Wait until the request has reached the emulator (which now holds it for 10 s).
  await eventually("the request to arrive", async () => {
    const [entry] = await apiRequests();
    return entry?.outcome === "pending" ? entry : undefined;
  });
  assert.equal(await page.locator("#result").getAttribute("data-state"), "pending");

  const clicked = Date.now();
  await page.getByRole("button", { name: "Abort request" }).click();
  const alert = page.locator('[data-error-kind="Aborted"]');
  await alert.waitFor({ timeout: 2000 });
  const elapsed = Date.now() - clicked;
  assert.ok(elapsed < 2000, `Aborted shown after ${elapsed} ms`);
  assert.match(await text(alert), /Request aborted/);
  assert.equal(await page.getByRole("button", { name: "Cancel booking" }).isEnabled(), true);
  assert.equal(await page.getByRole("button", { name: "Abort request" }).isEnabled(), false);

  // The fetch was really cancelled: the emulator saw the client hang up and did nothing.
  const entry = await eventually("the emulator to log client-gone", async () => {
    const [e] = await apiRequests();
    return e?.outcome === "client-gone" ? e : undefined;
  }, 3000);
  assert.equal(entry.path, CANCEL_PATH);
  assert.equal((await apiRequests()).length, 1);
  assert.equal((await control("GET", "bookings/1001")).Status, "Pending");
  assertNoConsoleErrorsBut();
});
