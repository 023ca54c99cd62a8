// (f) Node, ESM: the package imported by name. Prints the scenario's facts as JSON.
// Usage: node main.mjs <emulator-url>
import * as sdk from "adultwork-sdk";
import { scenario } from "../shared/scenario.js";

const facts = await scenario(sdk, process.argv[2]);
facts.exports = Object.keys(sdk).sort();
facts.entry = import.meta.resolve("adultwork-sdk");
console.log(JSON.stringify(facts));
