// Built into the Node entries (node.js, node.cjs) only; not shipped on its own.
//
// The generated glue uses Web APIs by their global names: fetch, Request, Response, Headers,
// TextDecoder, TextEncoder, AbortController, setTimeout… Node ≥ 20 has them all, but a test
// environment may run modules with a browser-like global object that lacks some: Jest's jsdom
// environment has no fetch, Request, Response, Headers, TextEncoder or TextDecoder. So in the
// Node entries scripts/assemble-pkg.mjs rewrites each of those names in the glue to a read of
// `host` (`fetch(…)` becomes `host.fetch(…)`), which looks the name up at each use: the
// environment's own when it has one (a mock or a polyfill a test installed, Jest's fake
// timers), else Node's own. Which names: every global Node has beyond the JavaScript language's
// own, computed at build time, so nothing here lists them.
//
// Node's own globals are those of Node's main context. Code in such a test environment runs in
// a `vm` context of its own, but `vm.runInThisContext` evaluates in Node's main context, whose
// `globalThis` has them.
import { runInThisContext } from "node:vm";

/** @type {Record<string | symbol, unknown> | undefined} */
let node;

export const host = new Proxy(
  {},
  {
    get(_, name) {
      const own = /** @type {Record<string | symbol, unknown>} */ (globalThis)[name];
      if (own !== undefined) return own;
      node ??= runInThisContext("globalThis");
      return /** @type {Record<string | symbol, unknown>} */ (node)[name];
    },
  },
);
