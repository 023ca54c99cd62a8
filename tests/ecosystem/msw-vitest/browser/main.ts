// The README's recipe for MSW in the browser: setupWorker (msw/browser) with the service
// worker that `msw init` writes, the same app code and fixture as the Vitest suite, and the
// facts written into <pre id="result"> for test.mjs.
import { AdultWorkError, isAdultWorkError } from "adultwork-sdk";
import { http, HttpResponse } from "msw";
import { setupWorker } from "msw/browser";
import { cancelBooking } from "../src/bookings";
import { cancelledBooking } from "../src/fixtures";

const CANCEL = "https://api-sandbox.adultwork.com/v1/PhoneChat/CancelMadeBooking";

const worker = setupWorker(
  http.post(CANCEL, async ({ request }) => {
    const { BookingID } = (await request.json()) as { BookingID: number };
    if (BookingID === 1005) {
      return HttpResponse.json({ Message: "The booking is already cancelled." }, { status: 409 });
    }
    return HttpResponse.json({ ...cancelledBooking, BookingID });
  }),
);

const out = document.querySelector<HTMLElement>("#result");
if (!out) throw new Error("no #result");
try {
  await worker.start({ onUnhandledRequest: "error", quiet: true });
  const booking = await cancelBooking(1001, "Something came up");
  const conflict = await cancelBooking(1005, "Too late").then(
    () => ({ resolved: true }),
    (e: unknown) => ({
      instanceofAdultWorkError: e instanceof AdultWorkError,
      kind: isAdultWorkError(e) ? e.kind : undefined,
      status: isAdultWorkError(e) ? e.status : undefined,
      serverMessage: isAdultWorkError(e) ? e.serverMessage : undefined,
    }),
  );
  out.textContent = JSON.stringify({
    controlled: navigator.serviceWorker.controller?.scriptURL ?? null,
    equalsFixture: JSON.stringify(booking) === JSON.stringify(cancelledBooking),
    status: booking.Status,
    conflict,
  });
  out.dataset.state = "done";
} catch (e) {
  out.textContent = JSON.stringify({ error: String(e) });
  out.dataset.state = "failed";
}
