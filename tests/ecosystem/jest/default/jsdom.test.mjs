/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node"]}
 */
// Jest 30, an ES module test file in the jsdom environment with the README's one line: jsdom
// resolves packages with the "browser" condition only, which in ESM mode selects the browser
// entry; customExportConditions ["node"] selects the Node entry (node.js), which falls back to
// Node's own fetch and TextDecoder where jsdom has none. (In a Jest config:
// testEnvironmentOptions: { customExportConditions: ["node"] }.)
import { expect, test } from "@jest/globals";
import * as sdk from "adultwork-sdk";
import support from "../support.cjs";

test("the scenario runs against the emulator", async () => {
  await support.runScenario(sdk, expect.getState().testPath);
});
