// Shared by the Jest test files of this app: runs tests/ecosystem/shared/scenario.js (as
// scenario.cjs, which test.mjs writes from it: Jest's CommonJS mode cannot load ES modules) in
// the test file's environment, with the SDK as that file loaded it, and writes the facts to
// $FACTS_DIR/<test file>.json for test.mjs to assert (harness.mjs's checkFacts).
const { request } = require("node:http");
const { writeFileSync } = require("node:fs");
const { basename, join } = require("node:path");
const { scenario, loadFailureScenario } = require("./scenario.cjs");

/** Reseeds the emulator (every file cancels booking 1001); node:http, as jsdom has no fetch. */
function reset(api) {
  return new Promise((done, fail) => {
    const post = request(`${api}/__emulator/reset`, { method: "POST" }, (response) => {
      response.resume();
      response.statusCode < 300 ? done() : fail(new Error(`emulator reset: HTTP ${response.statusCode}`));
    });
    post.on("error", fail);
    post.end();
  });
}

/** What the test file's global object has: the environment the SDK ran in. */
function environment() {
  return {
    window: typeof window,
    fetch: typeof globalThis.fetch,
    Request: typeof globalThis.Request,
    TextDecoder: typeof globalThis.TextDecoder,
  };
}

/**
 * @param {Record<string, unknown>} sdk the package's exports, as the test file loaded them
 * @param {string} testPath the test file
 * @param {{ loadFailure?: boolean, entry?: string }} [options]
 */
async function runScenario(sdk, testPath, { loadFailure = false, entry } = {}) {
  const api = process.env.ADULTWORK_API_URL;
  if (!api || !process.env.FACTS_DIR) throw new Error("run by tests/ecosystem/jest/test.mjs (ADULTWORK_API_URL, FACTS_DIR)");
  await reset(api);
  const facts = await (loadFailure ? loadFailureScenario : scenario)(sdk, api);
  facts.environment = environment();
  facts.entry = entry;
  writeFileSync(join(process.env.FACTS_DIR, `${basename(testPath)}.json`), JSON.stringify(facts));
}

module.exports = { runScenario };
