// The SDK imported lazily (off the app's start-up path, as the README suggests); with
// esbuild's code splitting it lands in a chunk of its own.
import { runPage } from "../shared/page.js";

runPage(await import("adultwork-sdk"));
