// (e) A plain static page: <script type="module"> with an import map, no build step. The
// server's root is tests/ecosystem/ so the page can import ../shared/page.js.
import { ECOSYSTEM, checkFacts, describeWasm, emulator, note, pageUrl, runInChromium, serveStatic } from "../harness.mjs";

const api = await emulator();
const server = await serveStatic(ECOSYSTEM);
try {
  const { facts, responses } = await runInChromium(pageUrl(server.url, "/static-page/", api));
  checkFacts(facts, api);
  note(`wasm: ${describeWasm(responses, server.url)}`);
} finally {
  await server.close();
}
