// The page: runs the app's calls against the emulator (`?api=`), asserts at compile time that
// each result's type is the schema's output type (tsc --strict, run by test.mjs), and writes
// what came back into <pre id="result" data-state> for test.mjs to assert.
import { AdultWorkClient, AdultWorkError, isAdultWorkError } from "adultwork-sdk";
import type * as v from "valibot";
import type * as z from "zod";
import { PhoneSettings, PricedEveryMethodTerms, phoneSettings, pricedTerms } from "./settings";
import {
  BookingTerms,
  EveryMethodTerms,
  bookingTerms,
  everyMethodTerms,
  phoneBookableTerms,
  pricedLabelTerms,
  rawTerms,
} from "./terms";

// Compile-time assertions: `Expect<Equal<A, B>>` compiles only if A and B are the same type
// (`any` included: it equals nothing but itself).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export type Checks = [
  // zod: the result is the transform's output, both as zod infers it and written out.
  Expect<Equal<Result<typeof bookingTerms>, z.output<typeof BookingTerms>>>,
  Expect<Equal<Result<typeof bookingTerms>, { pricePerMinute: number | null; methods: Set<1 | 2 | 3> }>>,
  Expect<Equal<Result<typeof phoneBookableTerms>, z.output<typeof BookingTerms>>>,
  Expect<Equal<Result<typeof everyMethodTerms>, z.output<typeof EveryMethodTerms>>>,
  Expect<Equal<Result<typeof everyMethodTerms>["Methods"][number]["Available"], true>>,
  // valibot: the pipe's transform shows in the output type.
  Expect<Equal<Result<typeof phoneSettings>, v.InferOutput<typeof PhoneSettings>>>,
  Expect<Equal<Result<typeof phoneSettings>["PhoneChatNumber"], `+${string}`>>,
  Expect<Equal<Result<typeof pricedTerms>, v.InferOutput<typeof PricedEveryMethodTerms>>>,
  // Without a schema: unknown.
  Expect<Equal<Result<typeof rawTerms>, unknown>>,
];

/** How a call that must reject came out (`resolved` if it did not). */
async function failure(call: Promise<unknown>) {
  return call.then(
    (value) => ({ resolved: JSON.stringify(value) }),
    (e: unknown) => ({
      instanceofAdultWorkError: e instanceof AdultWorkError,
      instanceofError: e instanceof Error,
      name: isAdultWorkError(e) ? e.name : String(e),
      kind: isAdultWorkError(e) ? e.kind : undefined,
      status: isAdultWorkError(e) ? (e.status ?? null) : undefined,
      message: isAdultWorkError(e) ? e.message : String(e),
      issues: isAdultWorkError(e) ? e.issues : undefined,
      cause: isAdultWorkError(e) && e.cause !== undefined ? describeCause(e.cause) : null,
    }),
  );
}

/** An error's cause as JSON can show it. */
function describeCause(cause: unknown) {
  return cause instanceof Error
    ? { instanceofTypeError: cause instanceof TypeError, name: cause.name, message: cause.message }
    : { value: String(cause) };
}

/** A Standard Schema's own issues, paths as key lists (for comparing with the SDK's). */
async function ownIssues(schema: z.ZodType | v.GenericSchema, value: unknown) {
  const result = await schema["~standard"].validate(value);
  return (result.issues ?? []).map((issue) => ({
    path: (issue.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment)),
    message: issue.message,
  }));
}

/** The zod result as JSON can show it (the Set as a flag and a list). */
function terms(result: Result<typeof bookingTerms>) {
  return {
    keys: Object.keys(result).sort(),
    pricePerMinute: result.pricePerMinute,
    methodsIsSet: result.methods instanceof Set,
    methods: [...result.methods],
  };
}

const out = document.querySelector<HTMLElement>("#result");
if (!out) throw new Error("no #result");
try {
  const api = new URLSearchParams(location.search).get("api");
  if (!api) throw new Error("no ?api=");
  const client = new AdultWorkClient({ accessToken: "test-token", baseUrl: api });

  const peach = await rawTerms(client, 3008);
  // @ts-expect-error: without a schema the answer is `unknown`, so this does not compile.
  void peach.Methods;
  const laura = await bookingTerms(client, 3004);
  // @ts-expect-error: the transform's output has no `PhoneChatPPM` (it is `pricePerMinute`).
  void laura.PhoneChatPPM;
  const settings = await phoneSettings(client);
  // @ts-expect-error: the output's number starts with "+".
  const local: `44${string}` = settings.PhoneChatNumber;
  void local;

  const facts = {
    raw: peach,
    zod: {
      peach: terms(await bookingTerms(client, 3008)),
      laura: terms(laura),
      asyncPass: terms(await phoneBookableTerms(client, 3004)),
      asyncFail: await failure(phoneBookableTerms(client, 3008)),
      fail: await failure(everyMethodTerms(client, 3008)),
      priceLabel: (await pricedLabelTerms(client, 3004)).priceLabel,
      threw: await failure(pricedLabelTerms(client, 3008)),
      ownIssues: await ownIssues(EveryMethodTerms, peach),
    },
    valibot: {
      settings,
      fail: await failure(pricedTerms(client, 3008)),
      ownIssues: await ownIssues(PricedEveryMethodTerms, peach),
    },
  };
  out.textContent = JSON.stringify(facts, null, 2);
  out.dataset.state = "done";
} catch (e) {
  out.textContent = JSON.stringify({ failed: String(e), stack: e instanceof Error ? e.stack : undefined });
  out.dataset.state = "failed";
}
