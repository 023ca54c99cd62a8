// Jest 30 with babel-jest: `import` compiled to `require`, which loads the CommonJS entry.
import * as sdk from "adultwork-sdk";
import { runScenario } from "../support.cjs";

test("the scenario runs against the emulator", () =>
  runScenario(sdk, __filename, { entry: require.resolve("adultwork-sdk") }));
