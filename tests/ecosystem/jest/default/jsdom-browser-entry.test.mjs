/**
 * @jest-environment jsdom
 */
// Jest 30, an ES module test file in the jsdom environment WITHOUT that line: Jest resolves the
// browser entry (index.js), whose .wasm URL is a file: URL under Node. The import must still
// succeed, and every call must fail with a message that says so and names the "node" condition
// and Jest's setting.
import { expect, test } from "@jest/globals";
import * as sdk from "adultwork-sdk";
import support from "../support.cjs";

test("calls explain that the browser entry runs under Node", async () => {
  await support.runScenario(sdk, expect.getState().testPath, { loadFailure: true });
});
