// The API settings and the "Your booking" form (load, cancel): their defaults, reading them
// into SDK types, and where the SDK's issues about them are shown (fields.ts places them).

import type { CancelMadeBookingRequest, ClientOptions, Environment } from "adultwork-sdk";
import { byId } from "./dom";
import { toNumber, type Control, type IssueTargets } from "./fields";

/** The local emulator's URL when the dev server was started pointed at it (scripts/example.sh). */
export const EMULATOR_URL = import.meta.env.VITE_ADULTWORK_BASE_URL?.trim() ?? "";

// The API settings, used by every call.
const target = byId("target", HTMLSelectElement);
const baseUrl = byId("baseUrl", HTMLInputElement);
const baseUrlField = byId("baseUrl-field", HTMLDivElement);
const accessToken = byId("accessToken", HTMLInputElement);

// The "Your booking" form.
export const form = byId("cancel-form", HTMLFormElement);
const bookingId = byId("bookingId", HTMLInputElement);
const bookingIdHint = byId("bookingId-hint", HTMLParagraphElement);
const reason = byId("reason", HTMLTextAreaElement);
export const submitButton = byId("submit", HTMLButtonElement);
export const loadButton = byId("load", HTMLButtonElement);

/**
 * Where the issues about the client options are shown (`InvalidConfig`, thrown by
 * `new AdultWorkClient`): every call's targets include these.
 */
export const OPTION_TARGETS: ReadonlyMap<string, Control> = new Map<string, Control>([
  ["accessToken", accessToken],
  ["environment", target],
  ["baseUrl", baseUrl],
]);

/** Where the issues of a load or a cancel are shown: the request's fields and the options. */
export const CANCEL_TARGETS: IssueTargets = new Map<string, Control>([
  ...OPTION_TARGETS,
  ["BookingID", bookingId],
  ["Reason", reason],
]);

/** Fills in the defaults: the emulator (and its test token) when the dev server names one. */
export function initForm(): void {
  if (EMULATOR_URL !== "") {
    target.value = "custom";
    baseUrl.value = EMULATOR_URL;
    accessToken.value = "test-token"; // the emulator's token (any "ok-…" token works too)
    bookingIdHint.textContent =
      "Emulator: 1001–1003 and 1007 can be cancelled, 1004–1006 are refused, 9999 is " +
      "unknown. Finished ones (1003–1006, or one you cancel) can be deleted.";
    bookingIdHint.hidden = false;
  }
  const showBaseUrl = (): void => {
    baseUrlField.hidden = target.value !== "custom";
  };
  target.addEventListener("change", showBaseUrl);
  showBaseUrl();
  submitButton.disabled = false;
  loadButton.disabled = false;
}

function isEnvironment(value: string): value is Environment {
  return value === "sandbox" || value === "production";
}

/**
 * Reads the API settings. Like every reading here, deliberately without checks of its own:
 * the SDK validates the options and the requests before sending anything and reports every
 * problem with its path, so the page shows exactly the SDK's rules.
 */
export function readOptions(): ClientOptions {
  // Pasted tokens often carry a stray space or newline; a blank one is reported by the SDK.
  const token = accessToken.value.trim();
  return target.value === "custom"
    ? { accessToken: token, baseUrl: baseUrl.value.trim() }
    : { accessToken: token, environment: isEnvironment(target.value) ? target.value : "sandbox" };
}

/** Reads "Your booking" as the cancel request (a load uses its `BookingID`). */
export function readCancel(): CancelMadeBookingRequest {
  return { BookingID: toNumber(bookingId.value), Reason: reason.value };
}
