// What the mocked API answers: a valid MadeBooking (the API documentation's sample, cancelled),
// exactly as the README's "Testing your app" shows it. Typed as MadeBooking, so the compiler
// checks the shape; the SDK also checks every value at run time (datetime formats, status
// names, integers), as it does for real answers.
import type { MadeBooking } from "adultwork-sdk";

export const cancelledBooking: MadeBooking = {
  BookingID: 1001, Duration: 15, Credits: 8, Status: "Cancelled", Method: 1,
  PhoneNumber: "447700900123", SkypeName: null,
  CreateDate: "2018-01-20T12:34:56.789", SessionDate: "2018-01-22T21:30:00",
  AcceptBy: "2018-01-22T00:00:00", AcceptedDate: null, ConfirmedDate: null,
  CancelledDate: "2018-01-22T18:24:11", CancelledReason: "Something came up",
  CancelledBy: "BookingClient", RejectedReason: null, LastUpdated: "2018-01-22T18:24:11.987",
  Comments: "Evening works best.", ActionClient: null,
  Candidate: {
    UserID: 3001, Nickname: "VelvetVoice", PhoneNumber: null, SkypeName: null,
    Total: 6, Positive: 7, Neutral: 0, Negative: 1, Ratings: 8, Disputes: 0,
  },
};
