// The page: one AdultWorkClient for the emulator (`?api=`), and the booking form.
import { AdultWorkClient } from "adultwork-sdk";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BookingForm } from "./BookingForm";

const api = new URLSearchParams(location.search).get("api");
if (!api) throw new Error("no ?api=");
const client = new AdultWorkClient({ accessToken: "test-token", baseUrl: api });
const root = document.getElementById("root");
if (!root) throw new Error("no #root");
createRoot(root).render(
  <StrictMode>
    <BookingForm client={client} />
  </StrictMode>,
);
