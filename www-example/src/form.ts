// The form: its defaults, reading it into SDK types, and showing the SDK's validation issues
// next to the fields they name.

import type { CancelMadeBookingRequest, ClientOptions, Environment, Issue } from "adultwork-sdk";
import { byId } from "./dom";

/** The local emulator's URL when the dev server was started pointed at it (scripts/example.sh). */
const EMULATOR_URL = import.meta.env.VITE_ADULTWORK_BASE_URL?.trim() ?? "";

export const form = byId("cancel-form", HTMLFormElement);
const target = byId("target", HTMLSelectElement);
const baseUrl = byId("baseUrl", HTMLInputElement);
const baseUrlField = byId("baseUrl-field", HTMLDivElement);
const accessToken = byId("accessToken", HTMLInputElement);
const bookingId = byId("bookingId", HTMLInputElement);
const bookingIdHint = byId("bookingId-hint", HTMLParagraphElement);
const reason = byId("reason", HTMLTextAreaElement);
export const submitButton = byId("submit", HTMLButtonElement);
export const loadButton = byId("load", HTMLButtonElement);
export const abortButton = byId("abort", HTMLButtonElement);

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * Where each issue path of the SDK is shown: the request fields (`BookingID`, `Reason`) and the
 * client options (`accessToken`, `environment`, `baseUrl`) each have a control in the form.
 */
const CONTROL_FOR_PATH: ReadonlyMap<string, Control> = new Map<string, Control>([
  ["BookingID", bookingId],
  ["Reason", reason],
  ["accessToken", accessToken],
  ["environment", target],
  ["baseUrl", baseUrl],
]);

/** Fills in the defaults: the emulator (and its test token) when the dev server names one. */
export function initForm(): void {
  if (EMULATOR_URL !== "") {
    target.value = "custom";
    baseUrl.value = EMULATOR_URL;
    accessToken.value = "test-token"; // the emulator's token (any "ok-…" token works too)
    bookingIdHint.textContent =
      "Emulator: 1001–1003 and 1007 can be cancelled, 1004–1006 are refused, 9999 is unknown.";
    bookingIdHint.hidden = false;
  }
  const showBaseUrl = (): void => {
    baseUrlField.hidden = target.value !== "custom";
  };
  target.addEventListener("change", showBaseUrl);
  showBaseUrl();
  submitButton.disabled = false;
}

/** What one submit asks for, in the SDK's own types. */
export interface Submission {
  options: ClientOptions;
  request: CancelMadeBookingRequest;
}

function isEnvironment(value: string): value is Environment {
  return value === "sandbox" || value === "production";
}

/**
 * Reads the form. Deliberately without checks of its own: the SDK validates the options and
 * the request before sending anything and reports every problem with its path, so the form
 * shows exactly the SDK's rules.
 */
export function readForm(): Submission {
  // Pasted tokens often carry a stray space or newline; a blank one is reported by the SDK.
  const token = accessToken.value.trim();
  const options: ClientOptions =
    target.value === "custom"
      ? { accessToken: token, baseUrl: baseUrl.value.trim() }
      : { accessToken: token, environment: isEnvironment(target.value) ? target.value : "sandbox" };
  return { options, request: { BookingID: toBookingId(bookingId.value), Reason: reason.value } };
}

/**
 * The ID as a number for the SDK. An empty field becomes NaN rather than `Number("")`, which
 * is 0, so the SDK's message says "not a number" instead of "0 is out of range".
 */
function toBookingId(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

function errorElementOf(control: Control): HTMLElement {
  return byId(`${control.id}-error`, HTMLParagraphElement);
}

/** Removes every field error. */
export function clearIssues(): void {
  for (const control of CONTROL_FOR_PATH.values()) {
    control.removeAttribute("aria-invalid");
    const error = errorElementOf(control);
    error.textContent = "";
    error.hidden = true;
  }
}

/**
 * Shows each issue next to the field its `path` names, focuses the first such field, and
 * returns the issues that name no field (the caller lists them with the error).
 */
export function showIssues(issues: readonly Issue[]): Issue[] {
  const elsewhere: Issue[] = [];
  for (const issue of issues) {
    const control = CONTROL_FOR_PATH.get(issue.path);
    if (control === undefined) {
      elsewhere.push(issue);
      continue;
    }
    const error = errorElementOf(control);
    error.textContent = [error.textContent, sentence(issue.message)].filter(Boolean).join(" ");
    error.hidden = false;
    control.setAttribute("aria-invalid", "true");
  }
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(); // the first, in page order
  return elsewhere;
}

/** The SDK's issue messages describe the field ("is empty; expected …"): make a sentence. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Disables the submit and load buttons and enables abort while a request is in flight. */
export function setBusy(busy: boolean): void {
  submitButton.disabled = busy;
  loadButton.disabled = busy;
  abortButton.disabled = !busy;
  form.setAttribute("aria-busy", String(busy));
}
