// A module worker that imports the SDK by name and serves the scenario to the page.
import * as sdk from "adultwork-sdk";
import { serveScenario } from "../shared/worker-side.js";

serveScenario(sdk);
