// (m) Standard Schema, one direction: zod 4 and valibot 1 schemas given to `client.request()`
// by app code (src/terms.ts, src/settings.ts) for two endpoints the SDK has no function for.
// This driver
//
// 1. type-checks the app with `tsc --strict`: src/main.ts asserts at compile time that each
//    call's result type is its schema's output type (zod's transform, valibot's pipe), and
//    `unknown` without a schema (`Expect<Equal<…>>` and `@ts-expect-error` lines, which fail
//    the compile if the types widen to `any` or drift);
// 2. builds the page with Vite (`build()`, no SDK-specific config; zod and valibot bundled):
//    no warnings;
// 3. runs it in headless Chromium against the emulator and asserts what came back: the
//    schemas' outputs (a zod transform's `Set`, a valibot transform's string; an async zod
//    refinement awaited), and for schemas that do not match the real answer an
//    `AdultWorkError` of kind `InvalidResponse` whose `issues` are the schema's own messages
//    at their paths in the SDK's notation (`Methods[0].Available`), and for a schema that
//    throws (a bug in a transform) an `InvalidResponse` naming the error, kept as `cause`; and
//    from the emulator's log, that each call sent exactly one request, with the query and the
//    token.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { emulator, note, pageUrl, runInChromium, serveStatic, toolVersion, typecheck, viteBuild } from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");

await typecheck(join(here, "tsconfig.json"));
note("tsc --strict: each request()'s result type is its schema's output type (zod, valibot), unknown without one");

assert.deepEqual(await viteBuild(here), [], "vite build warnings");

const PEACH = {
  PhoneChatPPM: null,
  Methods: [
    { Method: 1, Available: false },
    { Method: 2, Available: false },
    { Method: 3, Available: true },
  ],
};

/**
 * Asserts an `InvalidResponse` rejection whose issues are `expected` (SDK paths and the
 * schema's own messages), and that those are the schema's own issues (`own`: its paths as key
 * lists, checked against `keys`) written in the SDK's notation.
 */
function checkSchemaFailure(what, failed, expected, own, keys) {
  assert.equal(failed.resolved, undefined, `${what}: must reject, resolved to ${failed.resolved}`);
  assert.deepEqual(
    { ...failed, message: undefined, issues: undefined },
    {
      instanceofAdultWorkError: true,
      instanceofError: true,
      name: "AdultWorkError",
      kind: "InvalidResponse",
      status: null, // absent: only the HTTP kinds carry one, as for the typed calls' InvalidResponse
      message: undefined,
      issues: undefined,
      cause: null,
    },
    `${what}: the error`,
  );
  assert.deepEqual(failed.issues, expected, `${what}: the issues`);
  assert.deepEqual(own.map((i) => i.path), keys, `${what}: the schema's own paths`);
  assert.deepEqual(own.map((i) => i.message), expected.map((i) => i.message), `${what}: the schema's own messages`);
  for (const { path } of expected) assert.ok(failed.message.includes(path), `${what}: the message names ${path}: ${failed.message}`);
  assert.doesNotMatch(failed.message, /test-token/);
}

const server = await serveStatic(dist);
try {
  const api = await emulator();
  const { facts } = await runInChromium(pageUrl(server.url, "/", api));

  // No schema: the parsed JSON as the emulator sent it.
  assert.deepEqual(facts.raw, PEACH);

  // zod: the transform's output (a Set, renamed keys), for a user with no price and one with one.
  assert.deepEqual(facts.zod.peach, { keys: ["methods", "pricePerMinute"], pricePerMinute: null, methodsIsSet: true, methods: [3] });
  const laura = { keys: ["methods", "pricePerMinute"], pricePerMinute: 1.5, methodsIsSet: true, methods: [1, 2, 3] };
  assert.deepEqual(facts.zod.laura, laura);
  // An async refinement: validate answers with a promise, the SDK awaits it either way.
  assert.deepEqual(facts.zod.asyncPass, laura);
  checkSchemaFailure(
    "zod, async refinement",
    facts.zod.asyncFail,
    [{ path: "Methods", message: "does not take calls on your phone (Method 1)" }],
    [{ path: ["Methods"], message: "does not take calls on your phone (Method 1)" }],
    [["Methods"]],
  );
  const zodMessage = facts.zod.ownIssues[0]?.message;
  assert.match(zodMessage ?? "", /expected true/i, "zod's own message");
  checkSchemaFailure(
    "zod",
    facts.zod.fail,
    [
      { path: "Methods[0].Available", message: zodMessage },
      { path: "Methods[1].Available", message: zodMessage },
    ],
    facts.zod.ownIssues,
    [["Methods", 0, "Available"], ["Methods", 1, "Available"]],
  );

  // A bug in the app's own schema (its transform throws a TypeError for a user without a
  // price): InvalidResponse that names what was thrown, and keeps it as the error's `cause`.
  // (zod 4 turns a throw inside its parse into a rejected promise from `~standard.validate`.)
  assert.equal(facts.zod.priceLabel, "1.50 credits a minute");
  const threw = facts.zod.threw;
  assert.equal(threw.resolved, undefined, "the throwing transform must reject");
  assert.equal(threw.kind, "InvalidResponse");
  assert.equal(threw.cause?.instanceofTypeError, true, `the thrown TypeError is the cause: ${JSON.stringify(threw)}`);
  assert.match(threw.cause.message, /toFixed/);
  assert.deepEqual(threw.issues, [
    { path: "", message: `the schema's \`validate\` rejected with TypeError: ${threw.cause.message} (see \`cause\`)` },
  ]);

  // valibot: the pipe's transform applied; the wrong schema's three problems, in its order.
  assert.deepEqual(facts.valibot.settings, {
    OfferDirectChat: false,
    PhoneChatNumber: "+447700900123",
    ShowPhoneChatNumber: false,
    PhoneChatPPM: 0,
  });
  const [priceMessage, availableMessage] = facts.valibot.ownIssues.map((i) => i.message);
  assert.match(priceMessage ?? "", /Expected number but received null/, "valibot's own message");
  assert.match(availableMessage ?? "", /Expected true but received false/, "valibot's own message");
  checkSchemaFailure(
    "valibot",
    facts.valibot.fail,
    [
      { path: "PhoneChatPPM", message: priceMessage },
      { path: "Methods[0].Available", message: availableMessage },
      { path: "Methods[1].Available", message: availableMessage },
    ],
    facts.valibot.ownIssues,
    [["PhoneChatPPM"], ["Methods", 0, "Available"], ["Methods", 1, "Available"]],
  );

  // One request per call (an InvalidResponse is not retried), with its query and the token.
  const log = await (await fetch(`${api}/__emulator/requests`)).json();
  const sent = log.filter((r) => r.method !== "OPTIONS");
  const terms = (id) => `GET /v1/PhoneChat/GetUserBookingRequirements?BookUserID=${id}`;
  assert.deepEqual(
    sent.map((r) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ""}`),
    [terms(3008), terms(3004), "GET /v1/PhoneChat/GetSettings", terms(3008), terms(3004), terms(3008), terms(3008),
      terms(3004), terms(3008), terms(3008)],
    "the requests the emulator received",
  );
  for (const r of sent) assert.equal(r.headers.authorization, "bearer test-token");

  note(`zod ${toolVersion("zod")}: transform (a Set) and async refinement pass; the wrong schema rejects with InvalidResponse at Methods[0].Available, Methods[1].Available`);
  note("a schema that throws (a TypeError in a zod transform): InvalidResponse naming it, the TypeError as `cause`");
  note(`valibot ${toolVersion("valibot")}: pipe transform passes; the wrong schema rejects with InvalidResponse at PhoneChatPPM, Methods[0].Available, Methods[1].Available`);
} finally {
  await server.close();
}
