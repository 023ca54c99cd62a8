// Cancel a PhoneChat booking with adultwork-sdk: read the form, call the API, show the
// cancelled booking or explain the error by its kind. An abort button cancels the call.

import { AdultWorkClient, isAdultWorkError, type MadeBooking } from "adultwork-sdk";
import { bookingCard } from "./booking-card";
import { byId, h } from "./dom";
import { errorPanel, unexpectedPanel } from "./errors";
import { abortButton, clearIssues, form, initForm, readForm, setBusy, showIssues } from "./form";

const result = byId("result", HTMLDivElement);

/** Replaces the result area; `data-state` is for styling and tests. */
function show(state: "pending" | "booking" | "error", content: Node): void {
  result.dataset.state = state;
  result.replaceChildren(content);
}

/** The call in flight, so the abort button can stop it. */
let inFlight: AbortController | undefined;

async function cancelBooking(): Promise<void> {
  clearIssues();
  const { options, request } = readForm();
  const controller = new AbortController();
  inFlight = controller;
  setBusy(true);
  const spinner = h("span", { class: "spinner", "aria-hidden": "true" });
  show("pending", h("p", { class: "pending" }, spinner, "Cancelling the booking…"));
  try {
    // Why a client rather than the one-shot `cancelMadeBooking(request, options)`: an app
    // normally makes one AdultWorkClient at start-up and reuses it for every call (with
    // `accessToken: () => session.token` so it always reads the current token), and the
    // "load booking" step below will make a second call with it. Here the token and the API
    // target are form fields, so the client is made from the form at each submit: that only
    // checks the options (bad ones throw InvalidConfig, shown next to their fields).
    const client = new AdultWorkClient(options);

    // NEXT STEP (load booking first): fetch the booking before cancelling it, e.g.
    //   const booking = await client.getMadeBookingDetails({ BookingID }, { signal });
    //   if (!canCancel(booking).ok) { explain why, and do not offer to cancel }
    // and show it with bookingCard(booking). The UI has its place in index.html
    // (data-next-step="load-booking").

    const booking: MadeBooking = await client.cancelMadeBooking(request, {
      signal: controller.signal,
    });
    show("booking", bookingCard(booking));
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

initForm();
form.addEventListener("submit", (event) => {
  event.preventDefault();
  void cancelBooking();
});
// Aborting rejects the call with kind "Aborted" and really cancels the underlying fetch.
abortButton.addEventListener("click", () => inFlight?.abort());
