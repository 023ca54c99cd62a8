// The README's demo: a real call from Node, through the built npm package installed by name,
// against the local emulator. Usage: node scripts/demo.mjs <emulator-url>
import { AdultWorkClient, canCancel, isAdultWorkError } from "adultwork-sdk";

const baseUrl = process.argv[2];
const client = new AdultWorkClient({ accessToken: "test-token", baseUrl });
console.log(`client: ${client}\n`);

const booking = await client.cancelMadeBooking({ BookingID: 1001, Reason: "Something came up" });
console.log("cancelMadeBooking({ BookingID: 1001 }) resolved to a validated MadeBooking:");
console.log(booking);
console.log("\ncanCancel(booking) →", canCancel(booking));

try {
  await client.cancelMadeBooking({ BookingID: 1001, Reason: "Again" });
} catch (error) {
  if (!isAdultWorkError(error)) throw error;
  console.log(`\ncancelling it again rejects with AdultWorkError kind=${error.kind} status=${error.status}:`);
  console.log(`  ${error.message}`);
}
