// MadeBooking as a zod 4 schema ("zod", the classic API), as strict as the SDK's rules
// (SDK-CONTRACT.md, "Validation"). Unknown keys are stripped (z.object's default).
import * as z from "zod";
import { DATETIME, DATETIME_MESSAGE } from "./datetime.js";

const INT32_MAX = 2147483647;

// z.int() only accepts safe integers (|n| ≤ 2^53 − 1), like the SDK's integer rule;
// z.number() rejects NaN and ±Infinity, so "finite" needs no extra check.
const id = z.int().min(1).max(INT32_MAX);
const count = z.int().min(0);
const text = z.string();
const nullableText = z.string().nullable();
const dateTime = z.string().regex(DATETIME, DATETIME_MESSAGE);
const nullableDateTime = dateTime.nullable();

export const PhoneChatBookingUser = z.object({
  UserID: id,
  Nickname: text,
  PhoneNumber: nullableText,
  SkypeName: nullableText,
  Total: z.int(), // a score: may be negative
  Positive: count,
  Neutral: count,
  Negative: count,
  Ratings: count,
  Disputes: count,
});

export const MadeBooking = z.object({
  BookingID: id,
  Duration: id, // a positive integer (minutes), Int32 like the SDK
  Credits: z.number().min(0),
  Status: z.enum(["Pending", "Accepted", "Rejected", "Confirmed", "Cancelled"]),
  Method: z.literal([1, 2, 3]),
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
export const CancelMadeBookingRequest = z.object({
  BookingID: id,
  Reason: z.string().regex(/\S/, "expected at least one non-whitespace character"),
});
