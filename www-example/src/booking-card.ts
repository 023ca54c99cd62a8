// A MadeBooking as a readable card. Every field is already validated by the SDK (types,
// sets, datetime format), so this module only formats.

import type { BookingStatus, MadeBooking, PhoneChatBookingUser } from "adultwork-sdk";
import { h } from "./dom";

export function bookingCard(booking: MadeBooking): HTMLElement {
  const who = booking.Candidate.Nickname;
  return h(
    "article",
    { class: "booking", "aria-label": `Booking ${booking.BookingID}` },
    h(
      "header",
      { class: "booking-header" },
      h(
        "div",
        {},
        h("p", { class: "eyebrow" }, `Booking #${booking.BookingID}`),
        h("h3", {}, `${plural(booking.Duration, "minute")} with ${who}`),
      ),
      statusBadge(booking.Status),
    ),
    h(
      "dl",
      { class: "facts" },
      fact("Session", apiDate(booking.SessionDate)),
      fact("Duration", plural(booking.Duration, "minute")),
      fact("Credits", credits(booking.Credits)),
      fact("Call", callMethod(booking)),
      fact("Booked with", candidate(booking.Candidate)),
    ),
    cancellation(booking),
    booking.RejectedReason !== null &&
      note("Rejected", h("blockquote", {}, booking.RejectedReason)),
    booking.ActionClient !== null && note("Your next step", booking.ActionClient),
    booking.Comments !== null &&
      note("Your comment when booking", h("blockquote", {}, booking.Comments)),
    h(
      "p",
      { class: "meta" },
      `Booked ${apiDateText(booking.CreateDate)}`,
      ` · last updated ${apiDateText(booking.LastUpdated)} (UK time)`,
    ),
    h(
      "details",
      { class: "raw" },
      h("summary", {}, "The validated MadeBooking"),
      h("pre", {}, JSON.stringify(booking, null, 2)),
    ),
  );
}

const STATUS_CLASS: Readonly<Record<BookingStatus, string>> = {
  Pending: "badge badge-pending",
  Accepted: "badge badge-accepted",
  Confirmed: "badge badge-confirmed",
  Cancelled: "badge badge-cancelled",
  Rejected: "badge badge-rejected",
};

function statusBadge(status: BookingStatus): HTMLElement {
  return h("span", { class: STATUS_CLASS[status], "data-status": status }, status);
}

function fact(term: string, ...value: (Node | string)[]): HTMLElement {
  return h("div", {}, h("dt", {}, term), h("dd", {}, ...value));
}

function note(title: string, ...content: (Node | string)[]): HTMLElement {
  return h("section", { class: "note" }, h("h4", {}, title), ...content);
}

/** Who cancelled, when and why; nothing for a booking that was not cancelled. */
function cancellation(booking: MadeBooking): HTMLElement | null {
  const { CancelledBy: by, CancelledDate: date, CancelledReason: reason } = booking;
  if (by === null && date === null && reason === null) return null;
  return h(
    "section",
    { class: "note cancellation", "aria-label": "Cancellation" },
    h("h4", {}, "Cancelled"),
    h(
      "p",
      {},
      by !== null && "by ",
      by !== null && h("strong", {}, by),
      date !== null && (by !== null ? " on " : "on "),
      date !== null && apiDate(date),
    ),
    reason !== null && h("blockquote", { class: "reason" }, reason),
  );
}

/** The call method in words (1: they call you, 2: you call them, 3: Skype). */
function callMethod(booking: MadeBooking): string {
  const { Candidate: them } = booking;
  switch (booking.Method) {
    case 1:
      return `${them.Nickname} calls you${on(booking.PhoneNumber)}`;
    case 2:
      return `You call ${them.Nickname}${on(them.PhoneNumber)}`;
    case 3: {
      const from = booking.SkypeName === null ? "" : ` from ${booking.SkypeName}`;
      const to = them.SkypeName === null ? "" : ` to ${them.SkypeName}`;
      return `Skype call${from}${to}`;
    }
    default:
      return unreachable(booking.Method);
  }
}

function on(phone: string | null): string {
  return phone === null ? "" : ` on ${phone}`;
}

/** Nickname, feedback score (can be negative) and its parts. */
function candidate(user: PhoneChatBookingUser): HTMLElement {
  const score = user.Total > 0 ? `+${user.Total}` : String(user.Total);
  const tone = user.Total > 0 ? "good" : user.Total < 0 ? "bad" : "neutral";
  return h(
    "span",
    {},
    h("strong", {}, user.Nickname),
    " ",
    h("span", { class: `score score-${tone}`, title: "Positive minus negative" }, `score ${score}`),
    h(
      "span",
      { class: "muted" },
      ` ${user.Positive} positive, ${user.Neutral} neutral, ${user.Negative} negative`,
      ` · ${plural(user.Disputes, "dispute")}`,
    ),
  );
}

const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

function credits(amount: number): string {
  return `${number.format(amount)} credits`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

const format = (timeZone: string): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  });
const asWritten = format("UTC");
const inLondon = format("Europe/London");

/**
 * An API datetime ("2026-11-29T14:30:00") as text. API datetimes carry no zone: they are UK
 * wall-clock times, so they are shown as written, not converted to the viewer's zone. One
 * with an explicit offset ("…Z", "…+01:00") is converted to UK time. The SDK has checked the
 * format, so the string slicing is safe.
 */
function apiDateText(text: string): string {
  const withoutFraction = text.replace(/\.\d+/, "");
  if (/(?:Z|[+-]\d\d:\d\d)$/.test(withoutFraction)) {
    return inLondon.format(new Date(withoutFraction));
  }
  return asWritten.format(new Date(`${withoutFraction}Z`)); // read as UTC, shown as UTC: unchanged
}

/** An API datetime as a `<time>`, marked as UK time. */
export function apiDate(text: string): HTMLElement {
  const zone = h("span", { class: "muted" }, " UK time");
  return h("time", { datetime: text }, apiDateText(text), zone);
}

function unreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
