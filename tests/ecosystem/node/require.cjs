// (f) Node, CommonJS: `require("adultwork-sdk")` loads the package's CommonJS entry (node.cjs,
// the "require" condition), so it needs no require(esm): any Node ≥ 20. test.mjs also runs it
// with require(esm) switched off, as Node before 20.19 behaves.
// Prints the scenario's facts as JSON. Usage: node require.cjs <emulator-url>
const sdk = require("adultwork-sdk");

(async () => {
  const { scenario } = await import("../shared/scenario.js");
  const facts = await scenario(sdk, process.argv[2]);
  facts.exports = Object.keys(sdk).sort();
  facts.entry = require.resolve("adultwork-sdk");
  // A process that both requires and imports the package loads two copies (node.cjs and
  // node.js): each copy's isAdultWorkError recognises the other's errors.
  const imported = await import("adultwork-sdk");
  const fromImport = await imported.cancelMadeBooking(undefined, undefined).catch((e) => e);
  const fromRequire = await sdk.cancelMadeBooking(undefined, undefined).catch((e) => e);
  facts.twoCopies = {
    distinct: imported.AdultWorkError !== sdk.AdultWorkError,
    recognised: sdk.isAdultWorkError(fromImport) && imported.isAdultWorkError(fromRequire),
  };
  console.log(JSON.stringify(facts));
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
