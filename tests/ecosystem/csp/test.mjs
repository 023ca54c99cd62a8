// (h) A strict Content-Security-Policy, in headless Chromium and Firefox: a plain page (no
// inline script, so nothing but files of its origin) served with
//
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' <API origin>
//
// runs the scenario. Two policies that each miss one source must not break the import: every
// call throws an AdultWorkError whose message names the source to add.
//   - no 'wasm-unsafe-eval' in script-src: the browser refuses to compile the .wasm;
//   - connect-src without 'self': the browser refuses to fetch the .wasm from the page's own
//     origin (connect-src governs fetch, and the SDK fetches its .wasm).
import {
  ECOSYSTEM,
  checkFacts,
  checkLoadFailure,
  emulator,
  note,
  pageUrl,
  runInChromium,
  runInFirefox,
  serveStatic,
  withFirefox,
} from "../harness.mjs";

const origin = new URL(await emulator()).origin;
const POLICIES = {
  strict: `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' ${origin}`,
  "no-wasm-unsafe-eval": `default-src 'self'; script-src 'self'; connect-src 'self' ${origin}`,
  "connect-src-without-self": `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src ${origin}`,
};
/** What the SDK's message must say under each incomplete policy. */
const MESSAGES = {
  "no-wasm-unsafe-eval": [/Content-Security-Policy/, /Add 'wasm-unsafe-eval' to its script-src directive/],
  "connect-src-without-self": [/Content-Security-Policy blocked the request/, /Add 'self' to its connect-src directive/],
};

// The page's answer carries the policy its `?policy=` names (a document's policy is what
// applies to its scripts and their fetches).
const server = await serveStatic(ECOSYSTEM, {
  headers: (url) => {
    const policy = url.pathname === "/csp/" ? POLICIES[url.searchParams.get("policy") ?? ""] : undefined;
    return policy ? { "Content-Security-Policy": policy } : {};
  },
});

/** The page under `policy`, with a freshly reseeded emulator. */
async function page(policy) {
  const api = await emulator();
  const extra = policy === "strict" ? { policy } : { policy, case: "load-failure" };
  return { api, url: pageUrl(server.url, "/csp/", api, extra) };
}

/** Chromium reports each refusal on the console; those lines are the expected ones. */
const refusal = (m) => /Content Security Policy/.test(m.text);

try {
  let { api, url } = await page("strict");
  const sent = (await fetch(url)).headers.get("Content-Security-Policy");
  if (sent !== POLICIES.strict) throw new Error(`the page was served with CSP ${sent}`);
  const strict = await runInChromium(url);
  checkFacts(strict.facts, api, { everyExport: true });
  note(`Chromium, ${POLICIES.strict}: scenario passed`);
  for (const policy of Object.keys(MESSAGES)) {
    ({ url } = await page(policy));
    const { facts } = await runInChromium(url, { allow: [refusal] });
    checkLoadFailure(facts, MESSAGES[policy], { everyExport: true });
    note(`Chromium, ${policy}: import ok, calls reject "${facts.call.rejected.message}"`);
  }

  await withFirefox(async (firefox) => {
    ({ api, url } = await page("strict"));
    checkFacts(await runInFirefox(firefox, url), api, { everyExport: true });
    note(`Firefox ${firefox.version}, strict policy: scenario passed`);
    for (const policy of Object.keys(MESSAGES)) {
      ({ url } = await page(policy));
      const facts = await runInFirefox(firefox, url);
      checkLoadFailure(facts, MESSAGES[policy], { everyExport: true });
      note(`Firefox, ${policy}: import ok, calls reject "${facts.call.rejected.message}"`);
    }
  });
} finally {
  await server.close();
}
