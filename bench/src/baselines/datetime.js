// The SDK's datetime rule as one regular expression, shared by the zod and valibot baselines:
// `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1–7 digits, an optional `Z` or `±HH:MM`
// (hours 00–23, minutes 00–59), and a date that exists in the (proleptic Gregorian) calendar:
// no year 0000, months 01–12, days per month, 29 February only in leap years.
//
// zod 4's own `z.iso.datetime({ local: true, offset: true })` is close but looser: it accepts
// `2018-01-22T21:30` (no seconds), fractions of any length and the year 0000. So both
// baselines use this pattern instead, which makes the rule fully expressible in both libraries.

const LEAP_YEAR = "(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)";
const DATE =
  `(?!0000)(?:${LEAP_YEAR}-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])` +
  "|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8])))";
const TIME = "(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d{1,7})?";
const OFFSET = "(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)?";

export const DATETIME = new RegExp(`^${DATE}T${TIME}${OFFSET}$`);
export const DATETIME_MESSAGE = 'expected a date-time like "2018-01-22T21:30:00"';
