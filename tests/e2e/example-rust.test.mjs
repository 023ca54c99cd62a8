// End-to-end test of the Rust example app (www-example-rust/) in headless Chromium, against the
// local API emulator. Run it with `scripts/example-rust.sh --test`, which builds the app into
// $ADULTWORK_EXAMPLE_RUST_DIR first.
//
// Two emulators: one serves the built page (--static), the other is the API it calls, so the
// page is cross-origin to the API as a real frontend is (CORS preflights included). Each
// scenario resets the API emulator and reloads the page, then checks what the user sees and
// what the emulator received. Screenshots of the success and of the invalid fields go to
// $ADULTWORK_CACHE/example-rust/example-rust-{success,invalid}.png (their paths are printed).

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, test } from "node:test";
import { launchChromium } from "../support/chromium.mjs";
import { startEmulator } from "../support/emulator-process.mjs";

const CACHE = process.env.ADULTWORK_CACHE ?? join(homedir(), ".cache", "adultwork-sdk");
const APP_DIR = process.env.ADULTWORK_EXAMPLE_RUST_DIR ?? join(CACHE, "example-rust");
const EMULATOR =
  process.env.ADULTWORK_EMULATOR ??
  join(process.env.CARGO_TARGET_DIR ?? join(CACHE, "target"), "debug", "adultwork-emulator");
const CANCEL_PATH = "/v1/PhoneChat/CancelMadeBooking";

/** @type {import("node:child_process").ChildProcess[]} */
const emulators = [];
/** @type {string} */
let api;
/** @type {string} */
let appUrl;
/** @type {import("playwright-core").Browser | undefined} */
let browser;
/** @type {import("playwright-core").Page} */
let page;
/** @type {string[]} */
let consoleErrors = [];

/** Calls the API emulator's control API. */
async function control(method, path) {
  const response = await fetch(`${api}/__emulator/${path}`, { method });
  assert.ok(response.ok, `emulator ${method} ${path}: HTTP ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

/** The API requests since the last reset, without CORS preflights. */
const apiRequests = async () =>
  (await control("GET", "requests")).filter((r) => r.method !== "OPTIONS");

/** Fills the fields and clicks Cancel. */
async function submit(bookingId, reason) {
  await page.getByLabel("Booking ID").fill(bookingId);
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Cancel booking" }).click();
}

const text = async (locator) => (await locator.textContent())?.trim() ?? "";

before(async () => {
  assert.ok(
    existsSync(join(APP_DIR, "pkg", "adultwork_example_rust_bg.wasm")),
    `no built app in ${APP_DIR}: run scripts/example-rust.sh`,
  );
  const apiEmulator = await startEmulator(EMULATOR);
  const site = await startEmulator(EMULATOR, ["--static", APP_DIR]);
  emulators.push(apiEmulator.child, site.child);
  api = apiEmulator.url;
  appUrl = `${site.url}/?api=${encodeURIComponent(api)}&token=test-token`;
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 900, height: 640 } })).newPage();
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
});

after(async () => {
  await browser?.close();
  emulators.forEach((e) => e.kill());
});

beforeEach(async () => {
  await control("POST", "reset");
  consoleErrors = [];
  await page.goto(appUrl);
  // The button is enabled once the Rust module has started.
  await page.locator("#cancel:not([disabled])").waitFor({ timeout: 15_000 });
});

/** Fails on console errors of this scenario that match none of `expected`. */
function assertNoConsoleErrorsBut(...expected) {
  const unexpected = consoleErrors.filter((e) => !expected.some((re) => re.test(e)));
  assert.deepEqual(unexpected, [], "unexpected console errors");
}

test("cancels booking 1001 and shows its new status", async () => {
  const reason = "Something came up, sorry.";
  await submit("1001", reason);
  const card = page.getByRole("article", { name: "Booking 1001" });
  await card.waitFor({ timeout: 10_000 });
  assert.equal(await text(card.locator("[data-status]")), "Cancelled");
  assert.equal(await text(card.locator(".reason")), `Reason: ${reason}`);
  assert.match(await text(card.locator(".session")), /with VelvetVoice$/);

  const requests = await apiRequests();
  assert.equal(requests.length, 1, JSON.stringify(requests));
  assert.equal(requests[0].method, "POST");
  assert.equal(requests[0].path, CANCEL_PATH);
  assert.equal(requests[0].body, JSON.stringify({ BookingID: 1001, Reason: reason }));
  assert.equal(requests[0].headers.authorization, "bearer test-token");
  assert.equal((await control("GET", "bookings/1001")).Status, "Cancelled");

  const shot = join(CACHE, "example-rust", "example-rust-success.png");
  await page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
  assertNoConsoleErrorsBut();
});

test("a booking that is not the user's shows NotFound with the server's words", async () => {
  await submit("2001", "Not mine");
  const alert = page.locator('[data-error-kind="NotFound"]');
  await alert.waitFor({ timeout: 10_000 });
  assert.equal(await text(alert.locator(".kind")), "NotFound · HTTP 404");
  assert.match(await text(alert.locator(".message")), /^The server found no such booking/);
  assert.equal(await page.locator("article").count(), 0);
  assert.equal((await apiRequests()).length, 1);
  assert.equal((await control("GET", "bookings/2001")).Status, "Pending");
  assertNoConsoleErrorsBut(/status of 404/);
});

test("an already cancelled booking shows Conflict with the server's message", async () => {
  await submit("1005", "Again");
  const alert = page.locator('[data-error-kind="Conflict"]');
  await alert.waitFor({ timeout: 10_000 });
  assert.equal(await text(alert.locator(".kind")), "Conflict · HTTP 409");
  assert.match(await text(alert.locator(".message")), /The booking is already cancelled\.$/);
  assertNoConsoleErrorsBut(/status of 409/);
});

test("invalid fields list every issue by path, mark the fields, and send nothing", async () => {
  await submit("0", "   ");
  const alert = page.locator('[data-error-kind="InvalidRequest"]');
  await alert.waitFor({ timeout: 10_000 });
  const issues = alert.locator(".issues li");
  assert.deepEqual(await issues.evaluateAll((li) => li.map((e) => e.dataset.path)), [
    "BookingID",
    "Reason",
  ]);
  assert.match(await text(issues.nth(0)), /^BookingID: expected an integer from 1 to 2147483647, got 0$/);
  assert.match(await text(issues.nth(1)), /^Reason: expected a string with at least one non-whitespace/);
  for (const label of ["Booking ID", "Reason"]) {
    assert.equal(await page.getByLabel(label).getAttribute("aria-invalid"), "true");
  }
  // Not even a CORS preflight.
  assert.deepEqual(await control("GET", "requests"), []);
  const shot = join(CACHE, "example-rust", "example-rust-invalid.png");
  await page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);

  // Fixed, it goes through and the marks are cleared.
  await submit("1002", "Fixed");
  await page.getByRole("article", { name: "Booking 1002" }).waitFor({ timeout: 10_000 });
  assert.equal(await page.getByLabel("Booking ID").getAttribute("aria-invalid"), "false");
  assertNoConsoleErrorsBut();
});
