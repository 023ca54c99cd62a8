// The benchmark's data: the valid sample is tests/fixtures/made-booking.json exactly as it is
// in the repository; the invalid sample is the same booking with eight wrong fields, laid out
// the same way, so both are about 1 KB.

/** @param {string} valid the fixture's text */
export function invalidSample(valid) {
  const b = JSON.parse(valid);
  b.Duration = 0; // not positive
  b.Credits = -8; // negative
  b.Status = "Done"; // not a status
  b.Method = 4; // not 1, 2 or 3
  b.CreateDate = "2018-02-30T12:34:56"; // no such day
  b.SessionDate = "2018-01-22 21:30:00"; // no T
  b.Candidate.UserID = "123456"; // a string
  b.Candidate.Total = 1.5; // not an integer
  return JSON.stringify(b, null, 4);
}

/** How many problems the invalid sample has (every implementation must report them all). */
export const INVALID_FIELDS = [
  "Duration",
  "Credits",
  "Status",
  "Method",
  "CreateDate",
  "SessionDate",
  "Candidate.UserID",
  "Candidate.Total",
];

/**
 * The answers of `deleteMadeBookings({ BookingIDs: [1] })` for the memory figure's mixed calls:
 * one result for booking 1, and the same with two wrong fields.
 */
export const DELETE_SAMPLES = {
  valid: JSON.stringify([{ BookingID: 1, Deleted: true, Message: null }]),
  invalid: JSON.stringify([{ BookingID: 1, Deleted: "yes", Message: 7 }]),
};
