// (n) Standard Schema, the other direction: the SDK's `schemas.CreateBookingRequest` as the only
// validation of a React 19 booking form built with TanStack Form's own Standard Schema support
// (src/BookingForm.tsx: `validators: { onChange: schemas.CreateBookingRequest }`, no adapter),
// and the valid form value sent with `client.createBooking`. This driver
//
// 1. type-checks the app with `tsc --strict`: the form's value type is `CreateBookingRequest`
//    (asserted at compile time), a misspelt field name does not compile;
// 2. builds it with Vite (`build()` with @vitejs/plugin-react, as React apps do): no warnings;
// 3. in headless Chromium, fills the form as a user does (Playwright's fill/select/click) and
//    asserts what the page shows: the SDK's messages under exactly the fields they are about
//    (the same messages the package's schema gives in Node for the same value: Duration,
//    PhoneNumber when Method is 1, SkypeName when it is 3, AcceptBy after SessionDate),
//    live as fields change, nothing sent while the form is invalid; then a valid booking
//    submits, `createBooking` creates it on the emulator (the request body is the form's
//    value), and a booking the rules accept but the server refuses (too few credits) shows the
//    server's message.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { schemas } from "adultwork-sdk";
import { launchChromium } from "../../support/chromium.mjs";
import { emulator, note, pageUrl, serveStatic, toolVersion, typecheck, viteBuild } from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

await typecheck(join(here, "tsconfig.json"));
note("tsc --strict: the form's value type is CreateBookingRequest, inferred with schemas.CreateBookingRequest");

assert.deepEqual(await viteBuild(here, { plugins: [react()] }), [], "vite build warnings");

/** The package's own verdict on a value (Node entry): its messages by field. */
function sdkMessages(value) {
  const result = schemas.CreateBookingRequest["~standard"].validate(value);
  assert.ok(!(result instanceof Promise), "the SDK's schemas validate synchronously");
  /** @type {Record<string, string[]>} */
  const byField = {};
  for (const issue of result.issues ?? []) {
    const field = issue.path?.join(".") ?? "";
    (byField[field] ??= []).push(issue.message);
  }
  return byField;
}

/** Polls `read` until it deep-equals `expected` (5 s at most), then asserts it does. */
async function eventually(read, expected, what) {
  const deadline = Date.now() + 5_000;
  let seen = await read();
  while (!isDeepEqual(seen, expected) && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50));
    seen = await read();
  }
  assert.deepEqual(seen, expected, what);
  return seen;
}
const isDeepEqual = (a, b) => {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
};

const server = await serveStatic(dist);
const browser = await launchChromium();
try {
  const api = await emulator();
  const page = await browser.newPage();
  /** @type {{ text: string, url: string }[]} */
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push({ text: m.text(), url: m.location()?.url ?? "" });
  });
  page.on("pageerror", (e) => errors.push({ text: `uncaught: ${e.stack ?? e}`, url: "" }));
  page.on("requestfailed", (r) => errors.push({ text: `request failed: ${r.failure()?.errorText}`, url: r.url() }));

  await page.goto(pageUrl(server.url, "/", api));
  await page.locator("form[data-state=ready]").waitFor({ timeout: 30_000 });

  /** The errors the page shows, by field (only fields that show any). */
  const shown = () =>
    page.$$eval("[data-errors-for]", (lists) =>
      Object.fromEntries(
        lists
          .map((ul) => [ul.getAttribute("data-errors-for"), [...ul.querySelectorAll("li")].map((li) => li.textContent)])
          .filter(([, messages]) => messages.length > 0),
      ),
    );
  const outcome = async () => {
    const out = page.locator("[data-outcome]");
    return (await out.count()) === 0 ? null : { state: await out.getAttribute("data-outcome"), ...JSON.parse((await out.textContent()) ?? "") };
  };
  const creates = async () =>
    (await (await fetch(`${api}/__emulator/requests`)).json()).filter(
      (r) => r.method === "POST" && r.path === "/v1/PhoneChat/CreateBooking",
    );
  const submit = async (attempts) => {
    await page.click("button[type=submit]");
    await page.locator(`button[data-attempts="${attempts}"]:enabled`).waitFor();
  };

  assert.deepEqual(await shown(), {}, "nothing touched: no errors shown");

  // An invalid booking, typed in: too short, AcceptBy after SessionDate, Method 1 (the default)
  // without a phone number.
  const booking = { BookUserID: 3001, SessionDate: "2099-06-01 18:30", Duration: 3, Method: 1, Credits: 25, AcceptBy: "2099-06-02 10:00" };
  const expected = sdkMessages(booking);
  assert.deepEqual(Object.keys(expected).sort(), ["AcceptBy", "Duration", "PhoneNumber"], "the SDK's verdict");
  assert.match(expected.Duration[0], /at least 5, got 3/);
  assert.match(expected.PhoneNumber[0], /required when Method is 1/);
  assert.match(expected.AcceptBy[0], /before SessionDate \(2099-06-01 18:30\), got 2099-06-02 10:00/);

  await page.fill("[name=SessionDate]", "2099-06-01T18:30");
  await page.fill("[name=AcceptBy]", "2099-06-02T10:00");
  await page.fill("[name=Duration]", "3");
  await page.fill("[name=Credits]", "25");
  // onChange: the fields typed in show their errors at once; PhoneNumber is not touched yet.
  await eventually(shown, { Duration: expected.Duration, AcceptBy: expected.AcceptBy }, "live errors of the touched fields");

  await submit(1);
  await eventually(shown, expected, "after a submit attempt: the SDK's messages under their fields");
  assert.equal(await outcome(), null, "an invalid form does not submit");
  assert.deepEqual(await creates(), [], "nothing was sent for the invalid form");

  // The rule across fields follows Method.
  await page.selectOption("[name=Method]", "3");
  const skype = sdkMessages({ ...booking, Method: 3 });
  assert.match(skype.SkypeName?.[0] ?? "", /required when Method is 3/);
  await eventually(shown, { Duration: expected.Duration, SkypeName: skype.SkypeName, AcceptBy: expected.AcceptBy }, "Method 3: SkypeName instead of PhoneNumber");
  await page.selectOption("[name=Method]", "1");
  await eventually(shown, expected, "Method 1 again");

  // Fixing fields one by one clears their errors; a field's own rule shows too.
  await page.fill("[name=Duration]", "20");
  await eventually(shown, { PhoneNumber: expected.PhoneNumber, AcceptBy: expected.AcceptBy }, "Duration fixed");
  await page.fill("[name=PhoneNumber]", "07700");
  const shortPhone = sdkMessages({ ...booking, Duration: 20, PhoneNumber: "07700" }).PhoneNumber;
  assert.match(shortPhone?.[0] ?? "", /10 or 11 digits, got a string \("07700"\)/);
  await eventually(shown, { PhoneNumber: shortPhone, AcceptBy: expected.AcceptBy }, "a phone number too short");
  await page.fill("[name=PhoneNumber]", "07700900123");
  await page.fill("[name=AcceptBy]", "2099-06-01T12:00");
  await eventually(shown, {}, "a valid booking: no errors");

  // A valid booking submits; createBooking sends the form's value and the emulator makes it.
  const valid = { ...booking, Duration: 20, PhoneNumber: "07700900123", AcceptBy: "2099-06-01 12:00" };
  assert.deepEqual(sdkMessages(valid), {}, "the SDK's verdict on the valid booking");
  await submit(2);
  const made = await eventually(async () => (await outcome())?.state ?? null, "booked", "the valid booking was made").then(outcome);
  assert.deepEqual(
    { ...made, CreateDate: undefined, LastUpdated: undefined, Candidate: undefined },
    {
      state: "booked",
      BookingID: 5001,
      Duration: 20,
      Credits: 25,
      Status: "Pending",
      Method: 1,
      PhoneNumber: "07700900123",
      SkypeName: null,
      CreateDate: undefined,
      SessionDate: "2099-06-01T18:30:00",
      AcceptBy: "2099-06-01T12:00:00",
      AcceptedDate: null,
      ConfirmedDate: null,
      CancelledDate: null,
      CancelledReason: null,
      CancelledBy: null,
      RejectedReason: null,
      LastUpdated: undefined,
      Comments: null,
      ActionClient: null,
      Candidate: undefined,
    },
    "the booking the page shows",
  );
  assert.equal(made.Candidate.UserID, 3001);
  const [sent, ...more] = await creates();
  assert.deepEqual(more, [], "one CreateBooking request");
  assert.deepEqual(JSON.parse(sent.body), valid, "the request body is the form's value");
  assert.equal(sent.headers.authorization, "bearer test-token");

  // Well-formed but refused by the server (3004 asks 1.5 credits a minute: 30 for 20 minutes).
  await page.fill("[name=BookUserID]", "3004");
  assert.deepEqual(sdkMessages({ ...valid, BookUserID: 3004 }), {}, "the rules accept it");
  await submit(3);
  await eventually(outcome, {
    state: "refused",
    kind: "BadRequest",
    status: 400,
    message: "Credits must be at least 30 for 20 minutes with LateNightLaura (1.5 credits per minute).",
  }, "the server's refusal is shown");
  assert.deepEqual(await shown(), {}, "no field errors for a refusal by the server");
  assert.equal((await creates()).length, 2, "the refused booking was sent once");

  // Chromium's console line for the expected 400 is the only error.
  const unexpected = errors.filter(
    (m) => !(/\/v1\/PhoneChat\/CreateBooking$/.test(m.url) && /status of 400 \(Bad Request\)/.test(m.text)),
  );
  assert.deepEqual(unexpected, [], "unexpected browser console errors");
  note(`@tanstack/react-form ${toolVersion("@tanstack/react-form")} + React ${toolVersion("react")}: the SDK's messages under Duration, PhoneNumber (Method 1) / SkypeName (Method 3), AcceptBy; nothing sent while invalid`);
  note("a valid form value went to createBooking as it was (booking 5001 made); the server's 400 shown for too few credits");
} finally {
  await browser.close();
  await server.close();
}
