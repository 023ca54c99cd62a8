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
// The Book form's scenarios also leave test-results/example-book-errors.png (its validation
// issues) and test-results/example-booked.png (a booking made), for a look; never in docs/.

import assert from "node:assert/strict";
import { copyFileSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../support/chromium.mjs";
import { startEmulator } from "../support/emulator-process.mjs";
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
const CREATE_PATH = "/v1/PhoneChat/CreateBooking";
const DELETE_PATH = "/v1/PhoneChat/DeleteMadeBookings";
const DETAILS_PATH = "/v1/PhoneChat/MadeBookingDetails";

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

/** Fills the booking ID and presses Load booking; waits for the booking or an error. */
async function load(bookingId) {
  await page.getByLabel("Booking ID").fill(bookingId);
  await page.getByRole("button", { name: "Load booking" }).click();
  await page.locator("#result:is([data-state=booking], [data-state=error])").waitFor({
    timeout: 10_000,
  });
}

/**
 * A `datetime-local` value `days` from now at `time` ("2026-12-09T18:30"). Whole days ahead,
 * so it is in the future in UK time too, whatever the machine's zone.
 */
function daysAhead(days, time) {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

/** The same time as the SDK sends it: UK wall-clock time, "YYYY-MM-DD HH:MM". */
const onWire = (local) => local.replace("T", " ");

/**
 * Fills the Book form (only the fields given; the method first, so its field is shown) and
 * presses Book session.
 */
async function book(fields) {
  const form = page.locator("#book-form");
  if (fields.method !== undefined) await form.getByLabel("Call method").selectOption(fields.method);
  const inputs = [
    ["User ID to book", fields.userId],
    ["Session starts", fields.session],
    ["Accept by", fields.acceptBy],
    ["Duration (minutes)", fields.duration],
    ["Your phone number", fields.phone],
    ["Your Skype name", fields.skype],
    ["Credits", fields.credits],
    ["Comments", fields.comments],
  ];
  for (const [label, value] of inputs) {
    if (value !== undefined) await form.getByLabel(label).fill(value);
  }
  await page.getByRole("button", { name: "Book session" }).click();
}

const text = async (locator) => (await locator.textContent())?.trim() ?? "";

/** Saves a screenshot of the whole page under test-results/ (git-ignored). */
async function screenshot(name) {
  mkdirSync(join(ROOT, "test-results"), { recursive: true });
  const path = join(ROOT, "test-results", name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Fails on console errors of this scenario that match none of `expected`. */
function assertNoConsoleErrorsBut(...expected) {
  const unexpected = consoleErrors.filter((e) => !expected.some((re) => re.test(e)));
  assert.deepEqual(unexpected, [], "unexpected console errors");
}

// ---- setup ----------------------------------------------------------------------------------

before(async () => {
  let url;
  ({ url, child: emulator } = await startEmulator(EMULATOR));
  api = url;
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

// ---- booking ------------------------------------------------------------------------------

test("books user 3001 (method 1): the new booking is shown, the body has only method 1's fields", async () => {
  const session = daysAhead(10, "18:30");
  const acceptBy = daysAhead(10, "17:00");
  // A Skype name typed under method 3 and then left by switching back to method 1 is not sent.
  await page.locator("#book-form").getByLabel("Call method").selectOption("3");
  await page.getByLabel("Your Skype name").fill("left.behind");
  await book({
    userId: "3001",
    session,
    acceptBy,
    duration: "30",
    method: "1",
    phone: "07700900123",
    credits: "30",
    comments: "Looking forward to it",
  });

  const card = page.getByRole("article", { name: "Booking 5001" });
  await card.waitFor({ timeout: 10_000 });
  assert.equal(await text(card.locator("[data-status]")), "Pending");
  const shown = await card.innerText();
  for (const words of [
    "30 minutes with VelvetVoice",
    "30 credits",
    "VelvetVoice calls you on 07700900123",
    "Looking forward to it",
  ]) {
    assert.ok(shown.includes(words), `the card shows "${words}": ${shown}`);
  }
  assert.match(await text(page.locator("[data-outcome=booked]")), /VelvetVoice can accept it until/);
  // A new booking is pending: no Delete button, and the app says why.
  assert.equal(await page.locator("[data-delete]").getAttribute("data-delete"), "NotFinished");
  assert.equal(await page.getByRole("button", { name: "Delete booking" }).count(), 0);

  // One call, with exactly the documented body: method 1's PhoneNumber, no SkypeName.
  const requests = await apiRequests();
  assert.equal(requests.length, 1, JSON.stringify(requests));
  const [sent] = requests;
  assert.equal(sent.method, "POST");
  assert.equal(sent.path, CREATE_PATH);
  assert.equal(
    sent.body,
    JSON.stringify({
      BookUserID: 3001,
      SessionDate: onWire(session),
      Duration: 30,
      Method: 1,
      PhoneNumber: "07700900123",
      Credits: 30,
      AcceptBy: onWire(acceptBy),
      Comments: "Looking forward to it",
    }),
  );
  assert.equal(sent.headers.authorization, "bearer test-token");
  assert.equal(sent.outcome, "responded");
  const stored = await control("GET", "bookings/5001");
  assert.equal(stored.Status, "Pending");
  assert.equal(stored.SessionDate, `${session}:00`);

  await screenshot("example-booked.png");
  assertNoConsoleErrorsBut();
});

test("the call method shows only its field: Skype name for 3, phone number for 1", async () => {
  const phone = page.getByLabel("Your phone number");
  const skype = page.getByLabel("Your Skype name");
  const methodSelect = page.locator("#book-form").getByLabel("Call method");
  assert.equal(await methodSelect.inputValue(), "1");
  assert.deepEqual([await phone.isVisible(), await skype.isVisible()], [true, false]);
  await methodSelect.selectOption("3");
  assert.deepEqual([await phone.isVisible(), await skype.isVisible()], [false, true]);
  await methodSelect.selectOption("2");
  assert.deepEqual([await phone.isVisible(), await skype.isVisible()], [false, false]);
  await methodSelect.selectOption("1");
  assert.deepEqual([await phone.isVisible(), await skype.isVisible()], [true, false]);

  // Booking by Skype sends the Skype name, not the phone number typed before switching.
  await phone.fill("07700900123");
  const session = daysAhead(12, "21:00");
  await book({
    userId: "3001",
    session,
    acceptBy: daysAhead(12, "12:00"),
    duration: "15",
    method: "3",
    skype: "night.owl",
    credits: "20",
  });
  const card = page.getByRole("article", { name: "Booking 5001" });
  await card.waitFor({ timeout: 10_000 });
  assert.ok((await card.innerText()).includes("Skype call from night.owl"));
  const [sent] = await apiRequests();
  const body = JSON.parse(sent.body);
  assert.equal(body.Method, 3);
  assert.equal(body.SkypeName, "night.owl");
  assert.ok(!("PhoneNumber" in body), sent.body);
  assert.ok(!("Comments" in body), "an empty comment is not sent");
  assertNoConsoleErrorsBut();
});

test("bad booking values: each issue next to its field, nothing sent", async () => {
  const session = daysAhead(10, "18:30");
  await book({
    userId: "3001",
    session,
    acceptBy: daysAhead(11, "09:00"), // after the session
    duration: "3",
    method: "1",
    phone: "", // missing
    credits: "30",
  });
  await page.locator('[data-error-kind="InvalidRequest"]').waitFor({ timeout: 10_000 });
  const expected = {
    duration: /at least 5, got 3/,
    phoneNumber: /required when Method is 1/,
    acceptBy: new RegExp(`before SessionDate \\(${onWire(session)}\\)`),
  };
  for (const [id, message] of Object.entries(expected)) {
    const error = page.locator(`#${id}-error`);
    assert.ok(await error.isVisible(), `${id}-error is shown`);
    assert.match(await text(error), message);
    const control = page.locator(`#${id}`);
    assert.equal(await control.getAttribute("aria-invalid"), "true");
    assert.ok((await control.getAttribute("aria-describedby"))?.split(" ").includes(`${id}-error`));
  }
  assert.equal(await page.locator(".field-error:not([hidden])").count(), 3, "no other issues");
  // The first field with an issue, in page order, has the focus.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "acceptBy");
  assert.equal(await page.locator(".booking").count(), 0);
  // Not even a CORS preflight: the SDK rejected before any I/O.
  assert.deepEqual(await allRequests(), []);
  await screenshot("example-book-errors.png");

  // Fixing the fields clears the issues and books.
  await book({ acceptBy: daysAhead(10, "12:00"), duration: "30", phone: "07700900123" });
  await page.getByRole("article", { name: "Booking 5001" }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator(".field-error:not([hidden])").count(), 0);
  assert.equal(await page.locator("[aria-invalid]").count(), 0);
  assertNoConsoleErrorsBut();
});

test("the server's refusals: too few credits for 3004 (400), DirectChat Only 3006 (409)", async () => {
  const fields = {
    session: daysAhead(10, "22:00"),
    acceptBy: daysAhead(10, "20:00"),
    duration: "30",
    method: "1",
    phone: "07700900123",
    credits: "40", // 3004 asks 1.5 per minute: 45 for 30 minutes
  };
  await book({ ...fields, userId: "3004" });
  const badRequest = page.locator('[data-error-kind="BadRequest"]');
  await badRequest.waitFor({ timeout: 10_000 });
  assert.match(await text(badRequest), /The booking was refused/);
  assert.match(await text(badRequest), /BadRequest · HTTP 400/);
  assert.match(await text(badRequest.locator(".server-message")), /at least 45/);

  await book({ ...fields, userId: "3006" });
  const conflict = page.locator('[data-error-kind="Conflict"]');
  await conflict.waitFor({ timeout: 10_000 });
  assert.match(await text(conflict), /This user cannot be booked/);
  assert.match(await text(conflict), /Conflict · HTTP 409/);
  assert.match(await text(conflict.locator(".server-message")), /DirectChat Only/);

  assert.equal(await page.locator(".booking").count(), 0);
  const sent = await apiRequests();
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.path} ${JSON.parse(r.body).BookUserID}`),
    [`POST ${CREATE_PATH} 3004`, `POST ${CREATE_PATH} 3006`],
  );
  assertNoConsoleErrorsBut(/status of 400/, /status of 409/);
});

// ---- deleting -----------------------------------------------------------------------------

test("cancel, then delete: the outcome says deleted, and loading it again is NotFound", async () => {
  await submit("1001", "Plans changed");
  const card = page.getByRole("article", { name: "Booking 1001" });
  await card.waitFor({ timeout: 10_000 });
  assert.equal(await text(card.locator("[data-status]")), "Cancelled");
  assert.equal(await page.locator("[data-delete]").getAttribute("data-delete"), "ok");

  await page.getByRole("button", { name: "Delete booking" }).click();
  const outcome = page.locator("[data-outcome]");
  await outcome.waitFor({ timeout: 10_000 });
  assert.equal(await outcome.getAttribute("data-outcome"), "deleted");
  assert.match(await text(outcome), /Booking #1001 was deleted/);
  assert.equal(await page.locator(".booking").count(), 0);

  await load("1001");
  const notFound = page.locator('[data-error-kind="NotFound"]');
  await notFound.waitFor({ timeout: 10_000 });
  assert.match(await text(notFound), /No such booking/);

  const sent = await apiRequests();
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.path}`),
    [`POST ${CANCEL_PATH}`, `POST ${DELETE_PATH}`, `GET ${DETAILS_PATH}`],
  );
  assert.equal(sent[1].body, JSON.stringify({ BookingIDs: "1001" }));
  assertNoConsoleErrorsBut(/status of 404/);
});

test("delete is offered only for finished bookings; a refused delete shows the server's words", async () => {
  // Pending: canDelete says NotFinished, so no Delete button, and the app says why.
  await load("1001");
  assert.equal(await page.locator("[data-delete]").getAttribute("data-delete"), "NotFinished");
  assert.match(await text(page.locator("[data-delete]")), /pending.*only finished bookings/);
  assert.equal(await page.getByRole("button", { name: "Delete booking" }).count(), 0);

  // Cancelled: offered. If the booking changed meanwhile (here: pending again), the server
  // does not delete it, and the app shows its message with the booking.
  await load("1005");
  assert.equal(await page.locator("[data-delete]").getAttribute("data-delete"), "ok");
  const changed = await control("GET", "bookings/1005");
  await control("PUT", "bookings/1005", { ...changed, Status: "Pending" });
  await page.getByRole("button", { name: "Delete booking" }).click();
  const outcome = page.locator("[data-outcome]");
  await outcome.waitFor({ timeout: 10_000 });
  assert.equal(await outcome.getAttribute("data-outcome"), "not-deleted");
  assert.match(await text(outcome), /Booking #1005 was not deleted/);
  assert.match(await text(outcome.locator(".server-message")), /can be deleted/);
  assert.equal(await page.getByRole("article", { name: "Booking 1005" }).count(), 1);

  const sent = await apiRequests();
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.path}`),
    [`GET ${DETAILS_PATH}`, `GET ${DETAILS_PATH}`, `POST ${DELETE_PATH}`],
  );
  assert.equal((await control("GET", "bookings/1005")).Status, "Pending");
  assertNoConsoleErrorsBut();
});
