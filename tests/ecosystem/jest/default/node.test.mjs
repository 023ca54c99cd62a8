// Jest 30, an ES module test file (Jest's ESM mode: node --experimental-vm-modules) in the
// default environment (node), no Jest configuration: the "node" condition, node.js.
import { expect, test } from "@jest/globals";
import * as sdk from "adultwork-sdk";
import support from "../support.cjs";

test("the scenario runs against the emulator", async () => {
  await support.runScenario(sdk, expect.getState().testPath);
});
