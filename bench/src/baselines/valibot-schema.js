// MadeBooking as a valibot 1.x schema, as strict as the SDK's rules (SDK-CONTRACT.md,
// "Validation"). v.object removes unknown entries; v.safeParse collects every issue
// (abortEarly is off by default).
import * as v from "valibot";
import { DATETIME, DATETIME_MESSAGE } from "./datetime.js";

const INT32_MAX = 2147483647;

// v.number() accepts ±Infinity (not NaN), so finiteness is explicit; v.integer() alone
// accepts unsafe integers such as 2^60, so counters use v.safeInteger() like the SDK.
const id = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(INT32_MAX));
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const text = v.string();
const nullableText = v.nullable(v.string());
const dateTime = v.pipe(v.string(), v.regex(DATETIME, DATETIME_MESSAGE));
const nullableDateTime = v.nullable(dateTime);

export const PhoneChatBookingUser = v.object({
  UserID: id,
  Nickname: text,
  PhoneNumber: nullableText,
  SkypeName: nullableText,
  Total: v.pipe(v.number(), v.safeInteger()), // a score: may be negative
  Positive: count,
  Neutral: count,
  Negative: count,
  Ratings: count,
  Disputes: count,
});

export const MadeBooking = v.object({
  BookingID: id,
  Duration: id,
  Credits: v.pipe(v.number(), v.finite(), v.minValue(0)),
  Status: v.picklist(["Pending", "Accepted", "Rejected", "Confirmed", "Cancelled"]),
  Method: v.picklist([1, 2, 3]),
  PhoneNumber: nullableText,
  SkypeName: nullableText,
  CreateDate: dateTime,
  SessionDate: dateTime,
  AcceptBy: dateTime,
  AcceptedDate: nullableDateTime,
  ConfirmedDate: nullableDateTime,
  CancelledDate: nullableDateTime,
  CancelledReason: nullableText,
  CancelledBy: nullableText,
  RejectedReason: nullableText,
  LastUpdated: dateTime,
  Comments: nullableText,
  ActionClient: nullableText,
  Candidate: PhoneChatBookingUser,
});

/** The request body, checked before anything is sent (as the SDK does). */
export const CancelMadeBookingRequest = v.object({
  BookingID: id,
  Reason: v.pipe(v.string(), v.regex(/\S/, "expected at least one non-whitespace character")),
});
