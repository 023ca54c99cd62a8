// End-to-end test of the Rust example app (www-example-rust/, a Leptos 0.8 csr app) in headless
// Chromium, against the local API emulator. Run it with `scripts/example-rust.sh --test`, which
// builds the app into $ADULTWORK_EXAMPLE_RUST_DIR first.
//
// Two emulators: one serves the built page (--static), the other is the API it calls, so the
// page is cross-origin to the API as a real frontend is (CORS preflights included). Each
// scenario resets the API emulator and reloads the page (whose resource reads the booking on
// file, 1001), then checks what the user sees and what the emulator received: the cancel
// action's POSTs and the resource's GETs. Screenshots of the success and of the invalid fields go to
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
const DETAILS_PATH = "/v1/PhoneChat/MadeBookingDetails";

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

/** The API requests since the last reset, without CORS preflights (to `path` if given). */
const apiRequests = async (path) =>
  (await control("GET", "requests")).filter(
    (r) => r.method !== "OPTIONS" && (path === undefined || r.path === path),
  );

/** The status the "Booking on file" line shows, once it shows one (the resource has read it). */
async function onFileStatus(expected) {
  const status = page.locator(`#on-file [data-on-file-status="${expected}"]`);
  await status.waitFor({ timeout: 10_000 });
  return text(status);
}

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
  // The form exists (enabled) once the Leptos app has mounted, and the resource reads the
  // booking on file (GET MadeBookingDetails?BookingID=1001) as the page starts.
  await page.locator("#cancel:not([disabled])").waitFor({ timeout: 15_000 });
  assert.equal(await onFileStatus("Pending"), "Pending");
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

  const requests = await apiRequests(CANCEL_PATH);
  assert.equal(requests.length, 1, JSON.stringify(requests));
  assert.equal(requests[0].method, "POST");
  assert.equal(requests[0].body, JSON.stringify({ BookingID: 1001, Reason: reason }));
  assert.equal(requests[0].headers.authorization, "bearer test-token");
  assert.equal((await control("GET", "bookings/1001")).Status, "Cancelled");

  // The resource read the booking again once the action finished: the line on file follows.
  assert.equal(await onFileStatus("Cancelled"), "Cancelled");
  const reads = await apiRequests(DETAILS_PATH);
  assert.ok(reads.length >= 2, JSON.stringify(reads));
  for (const read of reads) {
    assert.equal(read.method, "GET");
    assert.equal(read.query, "BookingID=1001");
    assert.equal(read.headers.authorization, "bearer test-token");
  }

  const shot = join(CACHE, "example-rust", "example-rust-success.png");
  await page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
  assertNoConsoleErrorsBut();
});

test("cancelling the same booking twice: Cancelled, then the action shows Conflict", async () => {
  await submit("1001", "First try");
  const card = page.getByRole("article", { name: "Booking 1001" });
  await card.waitFor({ timeout: 10_000 });
  assert.equal(await text(card.locator("[data-status]")), "Cancelled");

  await submit("1001", "Second try");
  const alert = page.locator('[data-error-kind="Conflict"]');
  await alert.waitFor({ timeout: 10_000 });
  assert.equal(await text(alert.locator(".kind")), "Conflict · HTTP 409");
  assert.equal(await page.locator("article").count(), 0, "the card gave way to the error");
  assert.equal(await page.locator("#result").getAttribute("data-state"), "done");
  const cancels = await apiRequests(CANCEL_PATH);
  assert.deepEqual(
    cancels.map((r) => JSON.parse(r.body).Reason),
    ["First try", "Second try"],
  );
  assert.equal((await control("GET", "bookings/1001")).CancelledReason, "First try");
  assert.equal(await onFileStatus("Cancelled"), "Cancelled");
  assertNoConsoleErrorsBut(/status of 409/);
});

test("a booking that is not the user's shows NotFound with the server's words", async () => {
  await submit("2001", "Not mine");
  const alert = page.locator('[data-error-kind="NotFound"]');
  await alert.waitFor({ timeout: 10_000 });
  assert.equal(await text(alert.locator(".kind")), "NotFound · HTTP 404");
  assert.match(await text(alert.locator(".message")), /^The server found no such booking/);
  assert.equal(await page.locator("article").count(), 0);
  assert.equal((await apiRequests(CANCEL_PATH)).length, 1);
  assert.equal((await control("GET", "bookings/2001")).Status, "Pending");
  // The resource follows the submitted ID: the booking on file cannot be read either.
  await page.locator('#on-file [data-on-file-error="NotFound"]').waitFor({ timeout: 10_000 });
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
  const before = await control("GET", "requests");
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
  // Not even a CORS preflight; the booking on file stays 1001's.
  assert.deepEqual(await control("GET", "requests"), before);
  assert.equal(await onFileStatus("Pending"), "Pending");
  const shot = join(CACHE, "example-rust", "example-rust-invalid.png");
  await page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);

  // Fixed, it goes through and the marks are cleared.
  await submit("1002", "Fixed");
  await page.getByRole("article", { name: "Booking 1002" }).waitFor({ timeout: 10_000 });
  assert.equal(await page.getByLabel("Booking ID").getAttribute("aria-invalid"), "false");
  assertNoConsoleErrorsBut();
});
