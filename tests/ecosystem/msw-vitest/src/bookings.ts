// The app code under test: what a "Cancel" button of an app calls. It knows nothing of MSW.
import { cancelMadeBooking, type MadeBooking } from "adultwork-sdk";

/** Where the app keeps the signed-in user's access token (here: a test value). */
export const session = { accessToken: "test-token" };

/** Cancels one of the user's bookings on the AdultWork sandbox. */
export function cancelBooking(bookingId: number, reason: string): Promise<MadeBooking> {
  return cancelMadeBooking(
    { BookingID: bookingId, Reason: reason },
    { accessToken: () => session.accessToken, environment: "sandbox" },
  );
}
