// Jest 30, a CommonJS test file in Jest's default environment (node), no Jest configuration:
// `require` resolves the "require" condition, the package's CommonJS entry (node.cjs).
const sdk = require("adultwork-sdk");
const { runScenario } = require("../support.cjs");

test("the scenario runs against the emulator", () =>
  runScenario(sdk, __filename, { entry: require.resolve("adultwork-sdk") }));
