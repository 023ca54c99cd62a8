import * as sdk from "./node_modules/adultwork-sdk/index.js";
import { runPage } from "../shared/page.js";

runPage(sdk);
