// PhoneChat bookings with adultwork-sdk: load a booking to see whether it can be cancelled,
// cancel it, book a new session, and delete a finished booking. Each reads its form into the
// SDK's types, shows the booking (with a Delete button when canDelete allows it), or explains
// the error by its kind. An abort button cancels whichever call is in flight.

import {
  AdultWorkClient,
  canCancel,
  canDelete,
  canReschedule,
  isAdultWorkError,
  type CancelCheck,
  type DeleteCheck,
  type MadeBooking,
} from "adultwork-sdk";
import { bookButton, bookForm, BOOK_TARGETS, initBookForm, readBooking } from "./book-form";
import { apiDate, bookingCard } from "./booking-card";
import { byId, h } from "./dom";
import { errorPanel, unexpectedPanel, type Action } from "./errors";
import { clearIssues, showIssues, type IssueTargets } from "./fields";
import {
  CANCEL_TARGETS,
  form,
  initForm,
  loadButton,
  OPTION_TARGETS,
  readCancel,
  readOptions,
  submitButton,
} from "./form";

const result = byId("result", HTMLDivElement);
const abortButton = byId("abort", HTMLButtonElement);

/** Replaces the result area; `data-state` is for styling and tests. */
function show(state: "pending" | "booking" | "error", ...content: Node[]): void {
  result.dataset.state = state;
  result.replaceChildren(...content);
}

/** Disables the buttons that start a call and enables abort while a request is in flight. */
function setBusy(busy: boolean): void {
  for (const button of [submitButton, loadButton, bookButton]) button.disabled = busy;
  abortButton.disabled = !busy;
  for (const each of [form, bookForm]) each.setAttribute("aria-busy", String(busy));
}

/** The call in flight, so the abort button can stop it. */
let inFlight: AbortController | undefined;

/**
 * Runs one SDK call with the API settings: busy state, an AbortSignal for the abort button,
 * and errors shown by kind, validation issues next to the fields `targets` names. `call`
 * reads its own form into the SDK's request.
 */
async function run(
  doing: string,
  action: Action,
  targets: IssueTargets,
  call: (client: AdultWorkClient, signal: AbortSignal) => Promise<Node[]>,
): Promise<void> {
  clearIssues();
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
    const client = new AdultWorkClient(readOptions());
    show("booking", ...(await call(client, controller.signal)));
  } catch (error) {
    if (!isAdultWorkError(error)) {
      // Not an API outcome: a bug in this app. Show it, and let the console have it too.
      show("error", unexpectedPanel(error));
      throw error;
    }
    // Validation kinds carry `issues` with a `path` each: show them next to their fields.
    const unplaced =
      error.kind === "InvalidRequest" || error.kind === "InvalidConfig"
        ? showIssues(targets, error.issues ?? [])
        : [];
    show("error", errorPanel(error, action, unplaced));
  } finally {
    inFlight = undefined;
    setBusy(false);
  }
}

/** Why the documented prerequisites refuse a cancellation, in words. */
const NOT_CANCELLABLE: Record<Exclude<CancelCheck, { ok: true }>["reason"], string> = {
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
    `This booking cannot be cancelled. ${NOT_CANCELLABLE[check.reason]}${reschedule}`,
  );
}

/** Why the documented prerequisite refuses a deletion, in words. */
type DeleteRefusal = Exclude<DeleteCheck, { ok: true }>["reason"];
const NOT_DELETABLE: Record<DeleteRefusal, (booking: MadeBooking) => string> = {
  NotFinished: (booking) =>
    `It is ${booking.Status.toLowerCase()}: only finished bookings (rejected, cancelled or ` +
    "confirmed) can be deleted.",
};

/**
 * Under every booking shown: a Delete button when canDelete allows it, else why deleting is
 * not offered. `data-delete` carries the verdict for styling and tests.
 */
function deleteStep(booking: MadeBooking): HTMLElement {
  const check = canDelete(booking); // advisory: the server has the last word
  if (!check.ok) {
    return h(
      "p",
      { class: "delete-step delete-refused", "data-delete": check.reason },
      `Deleting is not offered. ${NOT_DELETABLE[check.reason](booking)}`,
    );
  }
  const button = h("button", { type: "button", class: "danger" }, "Delete booking");
  button.addEventListener("click", () => deleteBooking(booking));
  return h(
    "div",
    { class: "next-step delete-step", "data-delete": "ok" },
    h("p", {}, `It is ${booking.Status.toLowerCase()}: you can delete it from your bookings.`),
    button,
  );
}

/** A booking as the result: what happened (`lead`), the delete step, and the card. */
function bookingView(booking: MadeBooking, lead?: Node): Node[] {
  return [lead, deleteStep(booking), bookingCard(booking)].filter((n) => n !== undefined);
}

/** Deletes one booking and says whether it was deleted, or why not in the server's words. */
function deleteBooking(booking: MadeBooking): void {
  const id = booking.BookingID;
  void run("Deleting the booking…", "delete", OPTION_TARGETS, async (client, signal) => {
    const results = await client.deleteMadeBookings({ BookingIDs: [id] }, { signal });
    // The SDK checked that each requested ID came back exactly once.
    const outcome = results.find((r) => r.BookingID === id);
    if (outcome?.Deleted === true) {
      return [
        h(
          "p",
          { class: "outcome outcome-deleted", "data-outcome": "deleted" },
          `Booking #${id} was deleted: it is no longer in your bookings.`,
        ),
      ];
    }
    const why = outcome?.Message ?? null;
    return [
      h(
        "div",
        { class: "outcome outcome-refused", "data-outcome": "not-deleted" },
        h("p", {}, `Booking #${id} was not deleted.`),
        why === null
          ? h("p", {}, "The API gave no reason.")
          : h("blockquote", { class: "server-message" }, why),
      ),
      bookingCard(booking),
    ];
  });
}

initForm();
initBookForm();
loadButton.addEventListener("click", () => {
  void run("Loading the booking…", "load", CANCEL_TARGETS, async (client, signal) => {
    const { BookingID } = readCancel();
    const booking = await client.getMadeBookingDetails({ BookingID }, { signal });
    return bookingView(booking, verdict(booking));
  });
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  void run("Cancelling the booking…", "cancel", CANCEL_TARGETS, async (client, signal) =>
    bookingView(await client.cancelMadeBooking(readCancel(), { signal })),
  );
});
bookForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void run("Booking the session…", "book", BOOK_TARGETS, async (client, signal) => {
    const booking = await client.createBooking(readBooking(), { signal });
    const booked = h(
      "p",
      { class: "verdict verdict-ok", "data-outcome": "booked" },
      `Booked: ${booking.Candidate.Nickname} can accept it until `,
      apiDate(booking.AcceptBy),
      ".",
    );
    return bookingView(booking, booked);
  });
});
// Aborting rejects the call with kind "Aborted" and really cancels the underlying fetch.
abortButton.addEventListener("click", () => inFlight?.abort());
