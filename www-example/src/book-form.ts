// The "Book a session" form: its defaults, the fields that depend on the call method, reading
// it into the SDK's CreateBookingRequest, and where the SDK's issues about it are shown.

import type { CallMethod, CreateBookingRequest } from "adultwork-sdk";
import { byId } from "./dom";
import { toNumber, type Control, type IssueTargets } from "./fields";
import { EMULATOR_URL, OPTION_TARGETS } from "./form";

export const bookForm = byId("book-form", HTMLFormElement);
const bookUserId = byId("bookUserId", HTMLInputElement);
const bookUserIdHint = byId("bookUserId-hint", HTMLParagraphElement);
const sessionDate = byId("sessionDate", HTMLInputElement);
const acceptBy = byId("acceptBy", HTMLInputElement);
const duration = byId("duration", HTMLInputElement);
const method = byId("method", HTMLSelectElement);
const phoneNumber = byId("phoneNumber", HTMLInputElement);
const phoneNumberField = byId("phoneNumber-field", HTMLDivElement);
const skypeName = byId("skypeName", HTMLInputElement);
const skypeNameField = byId("skypeName-field", HTMLDivElement);
const credits = byId("credits", HTMLInputElement);
const comments = byId("comments", HTMLTextAreaElement);
export const bookButton = byId("book", HTMLButtonElement);

/** Where the issues of a booking are shown: each request field, and the options. */
export const BOOK_TARGETS: IssueTargets = new Map<string, Control>([
  ...OPTION_TARGETS,
  ["BookUserID", bookUserId],
  ["SessionDate", sessionDate],
  ["AcceptBy", acceptBy],
  ["Duration", duration],
  ["Method", method],
  ["PhoneNumber", phoneNumber],
  ["SkypeName", skypeName],
  ["Credits", credits],
  ["Comments", comments],
]);

/** The select's values as the SDK's `CallMethod` (1 they call you, 2 you call them, 3 Skype). */
const METHODS: Readonly<Record<string, CallMethod>> = { "1": 1, "2": 2, "3": 3 };

function selectedMethod(): CallMethod {
  const value = METHODS[method.value];
  if (value === undefined) throw new Error(`index.html's #method has no option ${method.value}`);
  return value;
}

/** Fills in the emulator's hint, and shows the phone or Skype field as the method needs. */
export function initBookForm(): void {
  if (EMULATOR_URL !== "") {
    bookUserIdHint.textContent =
      "Emulator: 3001 sets no price per minute, 3004 asks 1.5 credits per minute, " +
      '3006 has "DirectChat Only" on (refused).';
    bookUserIdHint.hidden = false;
  }
  const showMethodFields = (): void => {
    const chosen = selectedMethod();
    phoneNumberField.hidden = chosen !== 1;
    skypeNameField.hidden = chosen !== 3;
  };
  method.addEventListener("change", showMethodFields);
  showMethodFields();
  bookButton.disabled = false;
}

/**
 * A `datetime-local` value ("2026-12-01T18:30") as the SDK's booking time, "2026-12-01 18:30":
 * UK wall-clock time, as the form says. Not converted from the viewer's time zone, and not
 * checked: an empty or partial value goes to the SDK, which says what is wrong.
 */
function toBookingTime(value: string): string {
  return value.replace("T", " ");
}

/** A text field that may be left empty: blank is "not given" (the SDK says when it is needed). */
function given(text: string): string | undefined {
  return text.trim() === "" ? undefined : text;
}

/**
 * Reads the form into a `CreateBookingRequest`, without checks of its own (the SDK validates
 * it and reports every problem with its path). The phone number and the Skype name are read
 * only when their field is shown: a hidden field's value is not part of what the user asked.
 */
export function readBooking(): CreateBookingRequest {
  const chosen = selectedMethod();
  return {
    BookUserID: toNumber(bookUserId.value),
    SessionDate: toBookingTime(sessionDate.value),
    AcceptBy: toBookingTime(acceptBy.value),
    Duration: toNumber(duration.value),
    Method: chosen,
    ...(chosen === 1 ? { PhoneNumber: given(phoneNumber.value) } : {}),
    ...(chosen === 3 ? { SkypeName: given(skypeName.value) } : {}),
    Credits: toNumber(credits.value),
    Comments: comments.value, // an empty one is not sent (the SDK leaves it out)
  };
}
