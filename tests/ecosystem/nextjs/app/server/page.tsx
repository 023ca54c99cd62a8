// A server component that imports the SDK and runs the scenario while rendering (per request:
// the emulator URL comes from `?api=`), then shows the facts.
import * as sdk from "adultwork-sdk";
import { scenario } from "../../../shared/scenario.js";

export const dynamic = "force-dynamic";

export default async function ServerScenario({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { api } = await searchParams;
  const facts = await scenario(sdk, typeof api === "string" ? api : "");
  return (
    <pre id="result" data-state="done">
      {JSON.stringify(facts, null, 2)}
    </pre>
  );
}
