"use client";
// A client component that imports the SDK statically, as an app would. Next.js also renders
// it on the server (prerendering at build time), so the import is evaluated there too; the
// scenario itself runs in the browser only (in an effect), with the emulator URL from `?api=`.
import { AdultWorkClient, AdultWorkError, canCancel, cancelMadeBooking, isAdultWorkError } from "adultwork-sdk";
import { useEffect, useRef, useState } from "react";
import { scenario } from "../../shared/scenario.js";

type Outcome = { state: "done" | "failed"; text: string };

export function ClientScenario() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Once per page load: `next dev` runs effects twice (React's Strict Mode), and a second
  // cancel of booking 1001 would meet a 409.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const api = new URLSearchParams(window.location.search).get("api") ?? "";
    const sdk = { AdultWorkClient, AdultWorkError, canCancel, cancelMadeBooking, isAdultWorkError };
    scenario(sdk, api).then(
      (facts) => setOutcome({ state: "done", text: JSON.stringify(facts, null, 2) }),
      (e: unknown) => setOutcome({ state: "failed", text: JSON.stringify({ failed: String(e) }) }),
    );
  }, []);
  return outcome ? (
    <pre id="result" data-state={outcome.state}>
      {outcome.text}
    </pre>
  ) : (
    <pre id="result">running…</pre>
  );
}
