// A route handler (Node.js runtime, the default) that imports the SDK and runs the scenario
// on the server: GET /api/scenario?api=<emulator URL> answers with the facts as JSON.
import * as sdk from "adultwork-sdk";
import { scenario } from "../../../../shared/scenario.js";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const api = new URL(request.url).searchParams.get("api") ?? "";
  try {
    return Response.json(await scenario(sdk, api));
  } catch (e) {
    return Response.json({ failed: String(e) }, { status: 500 });
  }
}
