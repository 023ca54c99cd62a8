// (f) Node, CommonJS: `require("adultwork-sdk")` of the ES module package (require(esm):
// Node ≥ 20.19 and ≥ 22.12 without a flag; the "node" entry has no top-level await).
// Prints the scenario's facts as JSON. Usage: node require.cjs <emulator-url>
const sdk = require("adultwork-sdk");

(async () => {
  const { scenario } = await import("../shared/scenario.js");
  const facts = await scenario(sdk, process.argv[2]);
  facts.exports = Object.keys(sdk).sort();
  facts.entry = require.resolve("adultwork-sdk");
  // One module instance whichever way it is loaded: no dual-package hazard.
  const imported = await import("adultwork-sdk");
  facts.sameInstance = imported.AdultWorkError === sdk.AdultWorkError && imported.cancelMadeBooking === sdk.cancelMadeBooking;
  console.log(JSON.stringify(facts));
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
