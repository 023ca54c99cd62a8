// Cancel a PhoneChat booking with adultwork-sdk: read the form, optionally load the booking
// first to see whether it can be cancelled, then cancel it; show the booking or explain the
// error by its kind. An abort button cancels whichever call is in flight.

import {
  AdultWorkClient,
  canCancel,
  canReschedule,
  isAdultWorkError,
  type CancelCheck,
  type MadeBooking,
} from "adultwork-sdk";
import { bookingCard } from "./booking-card";
import { byId, h } from "./dom";
import { errorPanel, unexpectedPanel } from "./errors";
import {
  abortButton,
  clearIssues,
  form,
  initForm,
  loadButton,
  readForm,
  setBusy,
  showIssues,
  type Submission,
} from "./form";

const result = byId("result", HTMLDivElement);

/** Replaces the result area; `data-state` is for styling and tests. */
function show(state: "pending" | "booking" | "error", ...content: Node[]): void {
  result.dataset.state = state;
  result.replaceChildren(...content);
}

/** The call in flight, so the abort button can stop it. */
let inFlight: AbortController | undefined;

/**
 * Runs one SDK call with the form's options: busy state, an AbortSignal for the abort button,
 * and errors shown by kind (validation issues next to their fields).
 */
async function run(
  doing: string,
  call: (client: AdultWorkClient, submission: Submission, signal: AbortSignal) => Promise<Node[]>,
): Promise<void> {
  clearIssues();
  const submission = readForm();
  const controller = new AbortController();
  inFlight = controller;
  setBusy(true);
  const spinner = h("span", { class: "spinner", "aria-hidden": "true" });
  show("pending", h("p", { class: "pending" }, spinner, doing));
  try {
    // Why a client rather than the one-shot functions: an app normally makes one
    // AdultWorkClient at start-up and reuses it for every call (with
    // `accessToken: () => session.token` so it always reads the current token). Here the
    // token and the API target are form fields, so the client is made from the form at each
    // call: that only checks the options (bad ones throw InvalidConfig, shown by their fields).
    const client = new AdultWorkClient(submission.options);
    show("booking", ...(await call(client, submission, controller.signal)));
  } catch (error) {
    if (!isAdultWorkError(error)) {
      // Not an API outcome: a bug in this app. Show it, and let the console have it too.
      show("error", unexpectedPanel(error));
      throw error;
    }
    // Validation kinds carry `issues` with a `path` each: show them next to their fields.
    const unplaced =
      error.kind === "InvalidRequest" || error.kind === "InvalidConfig"
        ? showIssues(error.issues ?? [])
        : [];
    show("error", errorPanel(error, unplaced));
  } finally {
    inFlight = undefined;
    setBusy(false);
  }
}

/** Why the documented prerequisites refuse a cancellation, in words. */
const REFUSED: Record<Exclude<CancelCheck, { ok: true }>["reason"], string> = {
  AlreadyCancelled: "It is already cancelled.",
  Rejected: "The booked user rejected it.",
  SessionPassed: "It is confirmed and its session has already started.",
};

/** The verdict shown above a loaded booking: canCancel, plus canReschedule when it helps. */
function verdict(booking: MadeBooking): HTMLElement {
  const check = canCancel(booking); // advisory: the server has the last word
  if (check.ok) {
    return h(
      "p",
      { class: "verdict verdict-ok", "data-verdict": "ok" },
      "This booking can be cancelled: give a reason and press Cancel booking.",
    );
  }
  const reschedule =
    check.reason === "SessionPassed" && canReschedule(booking).ok
      ? " It can be rescheduled instead (rescheduleMadeBooking)."
      : "";
  return h(
    "p",
    { class: "verdict verdict-refused", "data-verdict": check.reason },
    `This booking cannot be cancelled. ${REFUSED[check.reason]}${reschedule}`,
  );
}

initForm();
loadButton.disabled = false;
loadButton.addEventListener("click", () => {
  void run("Loading the booking…", async (client, { request }, signal) => {
    const booking = await client.getMadeBookingDetails({ BookingID: request.BookingID }, { signal });
    return [verdict(booking), bookingCard(booking)];
  });
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  void run("Cancelling the booking…", async (client, { request }, signal) => [
    bookingCard(await client.cancelMadeBooking(request, { signal })),
  ]);
});
// Aborting rejects the call with kind "Aborted" and really cancels the underlying fetch.
abortButton.addEventListener("click", () => inFlight?.abort());
