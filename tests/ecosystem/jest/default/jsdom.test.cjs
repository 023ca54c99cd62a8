/**
 * @jest-environment jsdom
 */
// Jest 30, a CommonJS test file in the jsdom environment (jest-environment-jsdom), no Jest
// configuration. jsdom's global object has no fetch, Request or TextDecoder; the CommonJS entry
// falls back to Node's own (the "require" condition applies; jsdom adds "browser", which the
// package does not use).
const sdk = require("adultwork-sdk");
const { runScenario } = require("../support.cjs");

test("the scenario runs against the emulator", () =>
  runScenario(sdk, __filename, { entry: require.resolve("adultwork-sdk") }));
