import * as sdk from "./node_modules/adultwork-sdk/index.js";
import { serveScenario } from "../shared/worker-side.js";

serveScenario(sdk);
