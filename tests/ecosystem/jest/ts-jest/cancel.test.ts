// Jest 30 with ts-jest (its documented `preset: "ts-jest"`, in package.json): the test is
// type-checked and compiled to CommonJS, so `import` becomes `require` and loads node.cjs.
import { expect, test } from "@jest/globals";
import * as sdk from "adultwork-sdk";
import { cancelMadeBooking, isAdultWorkError, type MadeBooking } from "adultwork-sdk";
import { runScenario } from "../support.cjs";

test("the scenario runs against the emulator", () => runScenario(sdk, expect.getState().testPath ?? ""));

test("types: a rejection narrowed with isAdultWorkError", async () => {
  const call: Promise<MadeBooking> = cancelMadeBooking({ BookingID: 0, Reason: " " }, { accessToken: "test-token" });
  const error: unknown = await call.then(() => undefined, (e: unknown) => e);
  expect(isAdultWorkError(error) && error.kind === "InvalidRequest" && error.issues.map((i) => i.path)).toEqual([
    "BookingID",
    "Reason",
  ]);
});
