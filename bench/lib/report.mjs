import { readFileSync } from "node:fs";
// Renders BENCHMARKS.md from the raw results of bench/run.mjs.
import { median, summary } from "./stats.mjs";

// Issue 19's budgets ("A download that does not grow with the API"): bench figures, before and
// after in the same run. The only figures this file holds; everything else comes from the run.
const SIZE_BUDGET = 40_000; // B gzip: the .wasm + the package's JS as an app bundles it
const SIZE_TOWARD = 30_000; // B gzip: where the size should head ("toward 30,000 B")
const PARSE_BUDGET = 1; // × JSON.parse + zod's time per answer: no slower, valid and invalid
const COLD_BUDGET = 2; // × the no-client app's cold start
const CALL_BUDGET = 2; // × fetch + JSON.parse + zod's call over the stubbed fetch
const ENDPOINT_REUSE_BUDGET = 800; // B gzip: one more endpoint reusing an answer type
const ENDPOINT_NEW_TYPE_BUDGET = 2_000; // B gzip: one more endpoint with a new ten-field answer type
const HEAP_NOISE = 64 * 1024; // bytes of JS heap change over the last interval treated as noise

const LABEL = {
  none: "no API client (bare fetch + JSON.parse, no validation)",
  json: "JSON.parse only (no validation)",
  stub: "fetch stub + `response.text()` only (the floor)",
  sdk: "**SDK** `cancelMadeBooking`",
  "sdk-before": "**SDK before** `cancelMadeBooking`",
  "sdk-client": "**SDK** `new AdultWorkClient(…).cancelMadeBooking`",
  "sdk-parse": "**SDK** `parseMadeBooking(text)`",
  "sdk-before-parse": "**SDK before** `parseMadeBooking(text)`",
  zod: "(a) fetch + JSON.parse + zod",
  "zod-parse": "(a) `JSON.parse` + zod",
  valibot: "(b) fetch + JSON.parse + valibot",
  "valibot-parse": "(b) `JSON.parse` + valibot",
  kyzod: "(c) ky + zod",
};

const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const fixed = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const pct = (x) => `${(x * 100).toFixed(0)}%`;
const signed = (n) => (n > 0 ? `+${int(n)}` : n < 0 ? `−${int(-n)}` : "0");
const spread = (values) => {
  const s = summary(values);
  return `±${Math.round((s.spread / 2) * 100)}%`;
};
/** A Markdown table; `align` has one letter per column (l or r), default: first left, others right. */
const table = (head, rows, align = "l" + "r".repeat(head.length - 1)) =>
  [`| ${head.join(" | ")} |`, `|${head.map((h, i) => (align[i] === "r" ? "---:" : "---")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join(
    "\n",
  );
const verdict = (pass, how) => `**${pass ? "PASS" : "MISS"}** ${how}`;

/**
 * Whether memory grows after warm-up (the first checkpoint after calls): any Wasm memory or
 * table growth from there on, or a JS heap change over the last interval beyond the noise allowance.
 */
function grows(pts) {
  const warm = pts[1];
  const last = pts.at(-1);
  const wasm = (last.wasm[0]?.memoryBytes ?? 0) - (warm.wasm[0]?.memoryBytes ?? 0);
  const tables = (last.wasm[0]?.tables ?? []).join() !== (warm.wasm[0]?.tables ?? []).join();
  const heap = last.heapUsed - pts.at(-2).heapUsed;
  const why = [];
  if (wasm !== 0) why.push(`Wasm ${signed(wasm)} B`);
  if (tables) why.push("Wasm tables");
  if (heap > HEAP_NOISE) why.push(`JS heap ${signed(heap)} B`);
  return why.length ? `**yes**: ${why.join(", ")}` : "no";
}

/** How many calls of each endpoint the SDK's mixed memory workload made (", 12,500 each" or a list). */
function sdkEndpoints(pts) {
  const counts = {};
  for (const x of pts.slice(1)) for (const [k, n] of Object.entries(x.outcome?.endpoints ?? {})) counts[k] = (counts[k] ?? 0) + n;
  const list = Object.entries(counts);
  if (!list.length) return "";
  const same = list.every(([, n]) => n === list[0][1]);
  return same ? `, ${int(list[0][1])} calls each` : `: ${list.map(([k, n]) => `${k} ${int(n)}`).join(", ")}`;
}

/** The top of a CPU profile summary (run.mjs selfTimes) as Markdown lines. */
function profileTable(pr, rows = 12) {
  return [
    `Wasm ${pct(pr.wasm)}, the SDK's JavaScript ${pct(pr.sdkJs)}, garbage collection ${pct(pr.gc)}; the rest is the harness, other libraries and the engine.`,
    "",
    table(
      ["self time", "where", "function"],
      pr.top.slice(0, rows).map((t) => [pct(t.share), t.file || "(engine)", "`" + t.fn.replace(/`/g, "'").replace(/\|/g, "\\|") + "`"]),
      "rll",
    ),
  ];
}

/**
 * Figure 1's size per endpoint, from bench/endpoint-cost.sh's JSON (or how to produce it).
 * @param {any} ec the JSON, or null @param {any} b the run's build facts
 */
function endpointCostSection(ec, b) {
  const head = ["### What one more endpoint costs (`bench/endpoint-cost.sh`)", ""];
  if (!ec) {
    return [
      ...head,
      "Not measured for this report: `./bench/endpoint-cost.sh` builds the variants (a few minutes) and writes",
      "`bench/results/endpoint-cost.json`; then `node bench/run.mjs --render bench/results/<run>.json` (or the next run)",
      "adds the figure here and to the budget check.",
      "",
    ];
  }
  const a = ec.variants.find((v) => v.id === "a");
  const same = a && b.wasm.sha256 && a.wasmSha256 === b.wasm.sha256;
  const source = `${ec.source.commit.slice(0, 7)}${ec.source.dirty ? " with uncommitted changes" : ""}`;
  return [
    ...head,
    `Builds of the source at ${source} (${ec.date.slice(0, 10)}), made for the figure and never shipped: each variant is`,
    "the source as it is plus (or minus) one endpoint, patched in a temporary worktree (`bench/endpoint-cost/*.diff`)",
    `and built with the release pipeline (${ec.pipeline}). JS is the package's JavaScript as an app bundles it`,
    "(`export *`, minified, as in the budget), gzip -9. The endpoint's cost is the variant minus (a), or for (d), which",
    "has one shipped endpoint less, (a) minus the variant.",
    "",
    table(
      ["variant", ".wasm raw", ".wasm gzip", "JS gzip", ".wasm + JS gzip", "the endpoint: .wasm gzip", "JS gzip", ".wasm + JS gzip"],
      ec.variants.map((v) => [
        `(${v.id}) ${v.title}`,
        int(v.wasm.raw),
        int(v.wasm.gzip),
        int(v.js.gzip),
        int(v.totalGzip),
        v.cost ? signed(v.cost.wasmGzip) : "",
        v.cost ? signed(v.cost.jsGzip) : "",
        v.cost ? `**${signed(v.cost.totalGzip)}**` : "",
      ]),
      "lrrrrrrr",
    ),
    "",
    ...ec.variants.filter((v) => v.what).map((v) => `- (${v.id}) ${v.what}`),
    "",
    same
      ? "Variant (a) is byte for byte the `.wasm` measured in this run."
      : `Variant (a)'s \`.wasm\` is **not** the one measured in this run (${a ? `${int(a.wasm.gzip)} B gzip there, ${int(b.wasm.gzip)} B here` : "no variant (a)"}): rerun \`./bench/endpoint-cost.sh\` on the source of \`pkg/\`.`,
    "",
  ];
}

export function render(r) {
  const b = r.build;
  const bb = b.before; // the before package (scripts/bench.sh --before), or null/undefined
  const beforeName = bb ? `before (${bb.label})` : "before";
  LABEL["sdk-before"] = `**SDK ${beforeName}** \`cancelMadeBooking\``;
  LABEL["sdk-before-parse"] = `**SDK ${beforeName}** \`parseMadeBooking(text)\``;
  const out = [];
  const p = (...lines) => out.push(...lines);
  const m = r.machine;

  p(
    "# Benchmarks",
    "",
    `Generated by \`${r.command}\` (bench/run.mjs) on ${m.date.slice(0, 10)}; rerun it rather than editing this file.`,
    r.quick
      ? "\n> **Quick smoke run**: short timings and few repetitions. The figures show that the harness works, not how fast anything is.\n"
      : "",
    "## Reproduce",
    "",
    "```sh",
    "./scripts/bench.sh                     # full run, rewrites BENCHMARKS.md",
    "./scripts/bench.sh --quick             # smoke run, writes bench/results/quick.md",
    "./scripts/bench.sh --before <tgz|commit>  # another before package (default: set in scripts/bench.sh); --no-before",
    "./bench/endpoint-cost.sh               # the size per endpoint (bench/results/endpoint-cost.json, read by this report)",
    "```",
    "",
    "It assumes `scripts/setup.sh` has run, builds `pkg/` only if it is missing (run `./scripts/build.sh` first to",
    "measure the current sources), builds the before package once per commit (cached in",
    "`~/.cache/adultwork-sdk/bench-before/`), builds and starts the local API emulator, and writes the raw figures to",
    `\`bench/results/\` (git-ignored). This run took ${r.elapsedSeconds} s.`,
    "",
    "## Machine",
    "",
    table(
      ["", ""],
      [
        ["CPU", m.cpu],
        ["cores", String(m.cores)],
        ["RAM", `${m.ramGiB} GiB`],
        ["OS", m.os],
        ["Chromium", `${m.chromium} (headless, via playwright-core ${r.versions["playwright-core"]})`],
        ["Node", m.node],
        ["date", m.date],
        ["load average at start (1/5/15 min)", m.loadAverageAtStart.join(" / ")],
      ],
      "ll",
    ),
    "",
    "Medians over repeated runs; `±` is half the range (max − min) of the runs relative to the median. A load",
    "average near or above the core count means other work shared the CPU and the timings are noisy.",
    "",
    "## What is compared",
    "",
    `- **SDK**: \`adultwork-sdk\` ${b.version}, unpacked from \`pkg/${b.tgz}\` (what \`npm install\` gives an app) and bundled like`,
    "  an app bundles it; the `.wasm` copied next to the bundle.",
    bb
      ? `- **SDK ${beforeName}**: \`adultwork-sdk\` ${bb.version} from \`${bb.tgz.replace(/^.*\/\.cache\//, "~/.cache/")}\`, the package of the design before issue 19's engine, bundled from the same app source (\`bench/src/apps/sdk.js\`) and measured in the same pages and runs as the SDK. Its \`cancelMadeBooking\` and \`parseMadeBooking\` have the same JavaScript API.`
      : "- **SDK before**: not in this run (`scripts/bench.sh` measures the package of the commit it names unless given `--no-before`).",
    `- **(a)** \`fetch\` + \`JSON.parse\` + a **zod ${r.versions.zod}** schema (\`import * as z from "zod"\`, the classic API).`,
    `- **(b)** \`fetch\` + \`JSON.parse\` + a **valibot ${r.versions.valibot}** schema.`,
    `- **(c)** **ky ${r.versions.ky}** + the zod schema, a complete client: 30 s timeout per attempt; at most 2 retries, of the`,
    "  POST, only after 429/503, honouring `Retry-After` (capped at 60 s), else backoff with full jitter; no retry after a",
    "  network error or timeout; no cookies; redirects not followed; the answer validated with `.json(schema)`. Not",
    "  configured: a token function refreshed once after a 401 (ky can do it with an `afterResponse` hook; every client",
    "  here gets the same string token) and a cap on the body size.",
    "- **no client**: the same POST with bare `fetch` + `JSON.parse` and no validation: the base for \"extra\" sizes and the",
    "  floor for timings.",
    "",
    "Every app sends the same POST (URL, headers, body `{\"BookingID\":1,\"Reason\":\"…\"}`), validates the request first",
    "(a)–(c) with the same library, and checks that the answer's `BookingID` is the one requested, as the SDK does. The",
    "sources are `bench/src/apps/` and `bench/src/baselines/`. Each is bundled by esbuild",
    `${b.esbuild}: \`bundle\`, \`minify\`, \`format: "esm"\`, \`platform: "browser"\`, nothing else. Before timing anything the`,
    "harness checks, in the page, that every app returns the same `MadeBooking` as the SDK for the valid sample and",
    `reports exactly the ${r.samples.invalidFields.length} wrong fields of the invalid one.`,
    "",
    `Data: the valid sample is \`tests/fixtures/made-booking.json\` as committed (${r.samples.validBytes} bytes); the invalid one is the`,
    `same booking with ${r.samples.invalidFields.length} wrong fields (${r.samples.invalidFields.join(", ")}; ${r.samples.invalidBytes} bytes),`,
    "built by `bench/src/samples.js`.",
    "",
  );

  // ------------------------------------------------------------------------------------------
  // Budget (issue 19), before and after from this run
  const sdkOnly = b.bundles["sdk-only"];
  const sizeTotal = b.wasm.gzip + sdkOnly.gzip;
  const beforeSize = bb ? bb.wasm.gzip + bb.bundles["sdk-only"].gzip : null;
  const ec = r.endpointCost;
  const budget = [];
  const notRun = "not measured in this run";
  /** A budget row: what, before, now, verdict (PASS/MISS with the ratio). */
  const row = (what, before, now, pass, how) => budget.push([what, before ?? "–", now, verdict(pass, how)]);
  row(
    `shipped size ≤ ${int(SIZE_BUDGET)} B gzip (\`.wasm\` + the package's JS as an app bundles it), toward ${int(SIZE_TOWARD)} B`,
    bb && `${int(beforeSize)} B (.wasm ${int(bb.wasm.gzip)} + JS ${int(bb.bundles["sdk-only"].gzip)})`,
    `${int(sizeTotal)} B (.wasm ${int(b.wasm.gzip)} + JS ${int(sdkOnly.gzip)})`,
    sizeTotal <= SIZE_BUDGET,
    `${fixed(sizeTotal / SIZE_BUDGET, 2)}× the budget; ${sizeTotal <= SIZE_BUDGET ? `${int(SIZE_BUDGET - sizeTotal)} B to spare` : `${int(sizeTotal - SIZE_BUDGET)} B over`}; ${sizeTotal <= SIZE_TOWARD ? `under ${int(SIZE_TOWARD)} B` : `${int(sizeTotal - SIZE_TOWARD)} B above ${int(SIZE_TOWARD)} B`}`,
  );
  const endpointRow = (what, limit, variant, also = []) => {
    const v = ec?.variants?.find((x) => x.id === variant);
    if (!v) {
      budget.push([what, "–", ec ? `variant (${variant}) missing from bench/results/endpoint-cost.json` : "not measured: run `./bench/endpoint-cost.sh`", "–"]);
      return;
    }
    const cost = v.cost.totalGzip;
    row(
      what,
      null,
      `${signed(cost)} B (.wasm ${signed(v.cost.wasmGzip)} + JS ${signed(v.cost.jsGzip)}), variant (${variant}) of \`bench/endpoint-cost.sh\`` +
        also
          .map(([label, id]) => [label, ec.variants.find((x) => x.id === id)])
          .filter(([, x]) => x?.cost)
          .map(([label, x]) => `; ${label}: ${signed(x.cost.totalGzip)} B (${x.id})`)
          .join(""),
      cost <= limit,
      `${fixed(cost / limit, 2)}× the budget`,
    );
  };
  endpointRow(`one more endpoint reusing an answer type ≤ ${int(ENDPOINT_REUSE_BUDGET)} B gzip`, ENDPOINT_REUSE_BUDGET, "b", [
    ["reusing its request type too", "b2"],
    ["the shipped `deleteReceivedBookings`", "d"],
  ]);
  endpointRow(`one more endpoint with a new ten-field answer type ≤ ${int(ENDPOINT_NEW_TYPE_BUDGET)} B gzip`, ENDPOINT_NEW_TYPE_BUDGET, "c");
  for (const sample of ["valid", "invalid"]) {
    const what = `validated parse no slower than \`JSON.parse\` + zod ${r.versions.zod} (Chromium, ${sample} answer)`;
    if (!r.parse) {
      budget.push([what, "–", notRun, "–"]);
      continue;
    }
    const us = (name) => 1e6 / median(r.parse[sample][name]);
    const zod = us("zod");
    const ratio = us("sdk") / zod;
    row(
      what,
      r.parse[sample]["sdk-before"] && `${fixed(us("sdk-before"), 1)} µs (${fixed(us("sdk-before") / zod, 2)}× zod)`,
      `${fixed(us("sdk"), 1)} µs; zod ${fixed(zod, 1)} µs`,
      ratio <= PARSE_BUDGET,
      `${fixed(ratio, 2)}× zod's time (budget ≤ ${PARSE_BUDGET}×)`,
    );
  }
  {
    const what = `cold start ≤ ${COLD_BUDGET}× the no-client app (import → first validated result)`;
    if (r.cold) {
      const ms = (name) => median(r.cold[name].map((x) => x.totalMs));
      const base = ms("none");
      const ratio = ms("sdk") / base;
      row(
        what,
        r.cold["sdk-before"] && `${fixed(ms("sdk-before"))} ms (${fixed(ms("sdk-before") / base, 2)}×)`,
        `${fixed(ms("sdk"))} ms; no client ${fixed(base)} ms (medians of ${r.cold.sdk.length})`,
        ratio <= COLD_BUDGET,
        `${fixed(ratio, 2)}× the no-client app (budget ≤ ${COLD_BUDGET}×)`,
      );
    } else budget.push([what, "–", notRun, "–"]);
  }
  {
    const what = `one call over the stubbed fetch ≤ ${CALL_BUDGET}× fetch + \`JSON.parse\` + zod (\`cancelMadeBooking\`, Chromium)`;
    if (r.calls) {
      const zod = median(r.calls.zod);
      const ratio = median(r.calls.sdk) / zod;
      row(
        what,
        r.calls["sdk-before"] && `${fixed(median(r.calls["sdk-before"]), 1)} µs (${fixed(median(r.calls["sdk-before"]) / zod, 2)}×)`,
        `${fixed(median(r.calls.sdk), 1)} µs; zod ${fixed(zod, 1)} µs`,
        ratio <= CALL_BUDGET,
        `${fixed(ratio, 2)}× zod's call (budget ≤ ${CALL_BUDGET}×)`,
      );
    } else budget.push([what, "–", notRun, "–"]);
  }
  for (const name of ["sdk", "sdk-client"]) {
    const what = `Wasm memory flat over ${r.config.memory.at(-1).toLocaleString("en-US")} mixed calls (${name === "sdk" ? "one-shot functions" : "one client"})`;
    if (!r.memory) {
      budget.push([what, "–", notRun, "–"]);
      continue;
    }
    const pts = r.memory[name];
    const first = pts[1];
    const mid = pts[pts.length - 2];
    const last = pts[pts.length - 1];
    const wasmGrowth = (last.wasm[0]?.memoryBytes ?? 0) - (first.wasm[0]?.memoryBytes ?? 0);
    const tables = (last.wasm[0]?.tables ?? []).join() !== (first.wasm[0]?.tables ?? []).join();
    const heapGrowth = last.heapUsed - mid.heapUsed;
    row(
      what,
      null,
      `Wasm memory ${signed(wasmGrowth)} B from ${int(first.calls)} to ${int(last.calls)} calls${tables ? ", tables grew" : ""} (${int(last.wasm[0]?.memoryBytes)} B); JS heap ${signed(heapGrowth)} B from ${int(mid.calls)} to ${int(last.calls)}`,
      wasmGrowth === 0 && !tables,
      wasmGrowth === 0 && !tables ? "no growth after warm-up" : `grew ${signed(wasmGrowth)} B after warm-up`,
    );
  }
  p(
    "## Budget check",
    "",
    `Issue 19's budgets. "Before" is ${bb ? `the package of ${bb.label}, measured in this same run` : "not in this run"}; "now" is \`pkg/\`.`,
    "",
    table(["budget", bb ? beforeName : "before", "now", "verdict"], budget, "llll"),
    "",
    "- Size counts what a browser downloads for the SDK: the `.wasm` and all of the SDK's JavaScript, minified, as an",
    "  app bundles it (esbuild bundle of `export * from \"adultwork-sdk\"`), each gzip -9 on its own (two files). The",
    "  app's own code is not counted.",
    "- One more endpoint: what its code adds to the same two files, from builds of the current source with the release",
    "  pipeline that are never shipped (figure 1, \"What one more endpoint costs\").",
    "- Parse speed compares `parseMadeBooking(text)` with `schema.parse(JSON.parse(text))` (valid) and",
    "  `safeParse` collecting every issue (invalid), same page, same run (figure 2); the ratio is time per answer.",
    "- Memory: the SDK's calls are mixed across endpoints (figure 5); its Wasm memory and tables must not grow at all",
    `  after the first checkpoint. The JS heap (after two forced collections) is shown; a change over the last interval`,
    `  (${r.memory ? int(r.memory.sdk.at(-1).calls - r.memory.sdk.at(-2).calls) : "–"} calls) within ±64 KiB is noise, far less than one leaked object per call would add (figure 5's "grows" column).`,
    "",
    readFileSync(new URL("../what-was-tried.md", import.meta.url), "utf8").trim(),
    "",
  );

  // ------------------------------------------------------------------------------------------
  // 1. Size
  {
    const bpub = bb?.published ? Object.fromEntries(bb.published.map((row) => [row.file.endsWith(".tgz") ? ".tgz" : row.file, row])) : null;
    if (bpub && bb.tgzBytes) bpub[".tgz"] = { raw: bb.tgzBytes, gzip: "" };
    const cellOf = (v) => (v === "" || v === undefined ? "" : int(v));
    p(
      "## 1. Shipped size",
      "",
      "### As published (`scripts/sizes.mjs` on the unpacked tarball)",
      "",
      table(
        ["file", "raw", "gzip -9", "brotli 11", ...(bpub ? [`${beforeName}: raw`, "gzip -9"] : [])],
        r.published.map((row) => {
          const before = bpub?.[row.file.endsWith(".tgz") ? ".tgz" : row.file];
          return [
            row.file.includes("total") ? `**${row.file}**` : `\`${row.file}\``,
            int(row.raw),
            cellOf(row.gzip),
            cellOf(row.brotli),
            ...(bpub ? [before ? int(before.raw) : "(none)", before ? cellOf(before.gzip) : ""] : []),
          ];
        }),
      ),
      "",
      "### As bundled and minified in an app (bytes)",
      "",
    );
    const none = b.bundles.none;
    const row = (label, files) => {
      const t = files.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip, brotli: a.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
      return [label, int(t.raw), int(t.gzip), int(t.brotli), signed(t.gzip - none.gzip), signed(t.brotli - none.brotli)];
    };
    const sizeRow = (label, f) => [label, int(f.raw), int(f.gzip), int(f.brotli), "", ""];
    const sdkJs = b.bundles.sdk;
    const beforeRows = bb
      ? [
          row(`**SDK ${beforeName}** app: JS bundle`, [bb.bundles.sdk]),
          sizeRow(`**SDK ${beforeName}** app: \`.wasm\` (copied)`, bb.wasm),
          row(`**SDK ${beforeName}** app: JS + \`.wasm\``, [bb.bundles.sdk, bb.wasm]),
        ]
      : [];
    p(
      table(
        ["app", "raw", "gzip -9", "brotli 11", "extra gzip over no client", "extra brotli over no client"],
        [
          row(LABEL.none, [none]),
          row("**SDK** app: JS bundle", [sdkJs]),
          sizeRow("**SDK** app: `.wasm` (copied)", b.wasm),
          row("**SDK** app: JS + `.wasm`", [sdkJs, b.wasm]),
          ...beforeRows,
          row(LABEL.zod, [b.bundles.zod]),
          row(LABEL.valibot, [b.bundles.valibot]),
          row(LABEL.kyzod, [b.bundles.kyzod]),
          sizeRow("SDK alone, all exports (`export *`): JS", sdkOnly),
          ...(bb ? [sizeRow(`SDK ${beforeName} alone, all exports: JS`, bb.bundles["sdk-only"])] : []),
        ],
      ),
      "",
      "Compressed sizes of the SDK app add the two files' sizes, each compressed on its own (they are two downloads).",
      `"Extra" is the app's size minus the no-client app's (${int(none.gzip)} B gzip), so it is what adding the client costs.`,
      "",
      "What the minified bundles are made of (bytes of minified output per input, before compression):",
      "",
      table(
        ["bundle", "contents"],
        ["sdk", "zod", "valibot", "kyzod"].map((name) => [
          name === "sdk" ? "SDK app" : LABEL[name],
          Object.entries(b.bundles[name].parts)
            .filter(([, n]) => n > 0)
            .sort((x, y) => y[1] - x[1])
            .map(([k, n]) => `${k} ${int(n)}`)
            .join(", "),
        ]),
        "ll",
      ),
      "",
      ...endpointCostSection(ec, b),
    );
  }

  // ------------------------------------------------------------------------------------------
  // 2. Parse
  if (r.parse) {
    const c = r.config.parse;
    const n = r.node?.runs;
    const nc = r.config.node;
    const names = [
      ["none", LABEL.json],
      ["sdk", LABEL["sdk-parse"]],
      ...(r.parse.valid["sdk-before"] ? [["sdk-before", LABEL["sdk-before-parse"]]] : []),
      ["zod", LABEL["zod-parse"]],
      ["valibot", LABEL["valibot-parse"]],
    ];
    const cell = (runs, name) => (runs?.[name] ? `${int(median(runs[name]))} ${spread(runs[name])}` : "–");
    const us = (runs, name) => (runs?.[name] ? fixed(1e6 / median(runs[name]), 2) : "–");
    const vsZod = (runs, name) => (runs?.[name] ? `${fixed(median(runs[name]) / median(runs.zod), 2)}×` : "–");
    p(
      "## 2. JSON text → validated `MadeBooking`",
      "",
      `ops/s, median of ${c.reps} runs of ${c.ms} ms each after ${c.warmMs} ms of warm-up per candidate and sample, candidates`,
      "rotated between runs, all in one page (Chromium) or one process (Node). Valid sample: `parse` (returns the",
      "object, unknown keys stripped). Invalid sample: every issue collected: the SDK throws one `AdultWorkError` with",
      "`issues` (caught), zod and valibot `safeParse`.",
      "",
      table(
        ["", "Chromium valid ops/s", "µs", "vs zod", "Chromium invalid ops/s", "µs", "vs zod", "Node valid ops/s", "vs zod", "Node invalid ops/s", "vs zod"],
        names.map(([name, label]) => [
          label,
          cell(r.parse.valid, name),
          us(r.parse.valid, name),
          vsZod(r.parse.valid, name),
          cell(r.parse.invalid, name),
          us(r.parse.invalid, name),
          vsZod(r.parse.invalid, name),
          cell(n?.valid, name),
          vsZod(n?.valid, name),
          cell(n?.invalid, name),
          vsZod(n?.invalid, name),
        ]),
      ),
      "",
      `Node: the SDK through its Node entry (\`node.js\`), zod and valibot unbundled from \`node_modules\`; ${nc.reps} runs of ${nc.ms} ms.`,
      "The invalid sample's \"JSON.parse only\" row is just `JSON.parse` (it checks nothing).",
      "",
    );
  }
  if (r.profile) {
    p(
      "### Where the SDK's parse time goes",
      "",
      "A sampling CPU profile (CDP `Profiler`, 50 µs interval) of the same `parseMadeBooking` loop in Chromium, self time",
      `per function. ${r.build.profile.names ? "Wasm function names come from a names-kept copy of the same build (`wasm-opt -Oz -g` on" : "The .wasm has no names in this run (" }${r.build.profile.names ? " wasm-bindgen's cached output, accepted only if its imports and exports match the published `.wasm`); the JS is" : `${r.build.profile.note}); the JS is`}`,
      "the SDK app bundled without identifier minification. JSON.parse and TextDecoder time shows under the JS function",
      "that calls them.",
      "",
    );
    for (const sample of ["valid", "invalid"]) {
      const pr = r.profile[sample];
      p(`**${sample} sample** (${int(pr.opsPerSec)} ops/s while profiled):`, "", ...profileTable(pr), "");
    }
  }

  // ------------------------------------------------------------------------------------------
  // 3. Calls
  if (r.calls) {
    const c = r.config.calls;
    const floor = median(r.calls.stub);
    const sdk = median(r.calls.sdk);
    p(
      "## 3. One complete call, fetch stubbed",
      "",
      "`globalThis.fetch` is replaced before any import (bench/src/page/preload.js) by a function that resolves",
      "`new Response(sample, { status: 200, headers: { \"Content-Type\": \"application/json\" } })` for the API URL (other",
      "URLs, such as the `.wasm`, go to the real fetch). Each client does the whole call for `BookingID` 1: request",
      "checks, the POST, reading the body, validating the answer. Calls are awaited one after another for",
      `${c.ms} ms; median µs per call over ${c.reps} runs (after ${c.warmMs} ms of warm-up each), clients rotated between runs.`,
      "",
      table(
        ["client", "µs per call", "over the floor", "vs SDK `cancelMadeBooking`"],
        ["stub", "none", "sdk", "sdk-client", "sdk-before", "zod", "valibot", "kyzod"].filter((name) => r.calls[name]).map((name) => {
          const v = median(r.calls[name]);
          return [LABEL[name], `${fixed(v, 1)} ${spread(r.calls[name])}`, name === "stub" ? "" : fixed(v - floor, 1), `${fixed(v / sdk, 2)}×`];
        }),
      ),
      "",
    );
    if (r.profile?.["call-sdk"]) {
      p(
        "### Where a call's time goes",
        "",
        "The same sampling profile as in figure 2, over the same call loop (SDK profile build; ky + zod as bundled).",
        "",
      );
      for (const [key, label] of [["call-sdk", "SDK `cancelMadeBooking`"], ["call-kyzod", "(c) ky + zod"]]) {
        const pr = r.profile[key];
        p(`**${label}** (${fixed(pr.usPerOp, 1)} µs per call while profiled):`, "", ...profileTable(pr, 10), "");
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // 4. Cold start
  if (r.cold) {
    const names = ["none", "sdk", "sdk-before", "zod", "valibot", "kyzod"].filter((name) => r.cold[name]);
    p(
      "## 4. Cold start",
      "",
      `A fresh browser context per load (its own empty HTTP cache, hence no compiled-code cache either; every`,
      "response `Cache-Control: no-store`), `cold.html` with only the fetch stub, then in the page: `t0`, `await",
      "import(app bundle)` (for the SDK this includes fetching, compiling and instantiating the `.wasm`: the entry's",
      "top-level `await`), then the first complete call against the stub, `t1` once the validated `MadeBooking` is",
      `back. Median over ${r.config.coldRuns} loads per app, apps interleaved. Served from localhost, uncompressed.`,
      "",
      table(
        ["app", "import → first validated result, ms", "over no client, ms", "min – max", "import, ms", "first call, ms"],
        names.map((name) => {
          const runs = r.cold[name];
          const total = runs.map((x) => x.totalMs);
          const s = summary(total);
          return [
            LABEL[name],
            fixed(s.median),
            name === "none" ? "" : fixed(s.median - median(r.cold.none.map((x) => x.totalMs))),
            `${fixed(s.min)} – ${fixed(s.max)}`,
            fixed(median(runs.map((x) => x.importMs))),
            fixed(median(runs.map((x) => x.firstCallMs))),
          ];
        }),
      ),
      "",
    );
    // The SDK's import as a timeline (ms after t0, medians over loads).
    const at = (pick) => fixed(median(r.cold.sdk.map(pick)));
    const res = (x, suffix) => x.resources.find((e) => e.name.endsWith(suffix));
    const wasm = (x, what) => x.wasm?.find((w) => w.what === what);
    if (r.cold.sdk[0]?.resources.some((e) => e.name.endsWith(".wasm"))) {
      p(
        "The SDK's cold start as a timeline, ms after `t0` (medians; resource timing and the WebAssembly wrappers in",
        "preload.js):",
        "",
        table(
          ["step", "ms after t0"],
          [
            ["app bundle (`sdk.js`) requested / fully received", `${at((x) => res(x, "sdk.js")?.start)} / ${at((x) => res(x, "sdk.js")?.end)}`],
            ["`.wasm` requested (the module has been evaluated up to its top-level `await`)", at((x) => res(x, ".wasm")?.start)],
            ["`.wasm` response headers / fully received", `${at((x) => res(x, ".wasm")?.headers)} / ${at((x) => res(x, ".wasm")?.end)}`],
            ["`WebAssembly.compileStreaming` called / done", `${at((x) => wasm(x, "compileStreaming")?.fromT0)} / ${at((x) => wasm(x, "compileStreaming")?.endT0)}`],
            ["`WebAssembly.instantiate` done", at((x) => wasm(x, "instantiate")?.endT0)],
            ["`import()` resolved", at((x) => x.importMs)],
            ["first validated `MadeBooking` back", at((x) => x.totalMs)],
          ],
          "lr",
        ),
        "",
        "The no-client app's row above is the floor for fetching and evaluating one module in this setup.",
        "",
      );
    }
  }

  // ------------------------------------------------------------------------------------------
  // 5. Memory
  if (r.memory) {
    const cps = r.memory.sdk.map((x) => x.calls);
    p(
      "## 5. Memory",
      "",
      `One fresh page per client, fetch stubbed; calls awaited one after another. Per 20 calls: 14 answered with the valid`,
      "sample, 4 with the invalid one, 1 with an already-aborted `AbortSignal`, 1 aborted right after the call starts.",
      "The SDK's calls are mixed: one endpoint per block of 20 calls, in turn, `cancelMadeBooking`, `getMadeBookingDetails`,",
      "`deleteMadeBookings` (answered with a `DeleteResults` sample, valid or with two wrong fields) and a client's",
      "`request()` with no schema (a GET answered with the booking, handed over as parsed: the invalid sample is valid JSON,",
      "so those calls succeed); as one-shot functions (`request()` on a client, the only form it has) and as one",
      `client's methods (\`bench/src/apps/sdk-mix.js\`)${sdkEndpoints(r.memory.sdk)}. The baselines call their cancel.`,
      "At each checkpoint: two `HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage` (CDP) for the JS heap, and",
      "the SDK's Wasm `memory.buffer.byteLength` and table sizes read from the instance, captured by wrapping",
      "`WebAssembly.instantiate` / `WebAssembly.Instance` in the page before the import (the package is unchanged).",
      "",
      table(
        ["client", ...cps.map((c) => `JS heap after ${int(c)} calls`), `Δ ${int(cps.at(-2))} → ${int(cps.at(-1))}`, "Wasm memory (all checkpoints)", "Wasm tables", "grows after warm-up?", "outcomes (ok / invalid / aborted / other)"],
        ["sdk", "sdk-client", "zod", "valibot", "kyzod"].map((name) => {
          const pts = r.memory[name];
          const label = { sdk: "**SDK** one-shot functions, mixed", "sdk-client": "**SDK** one client's methods, mixed" }[name] ?? LABEL[name];
          const mems = [...new Set(pts.map((x) => x.wasm[0]?.memoryBytes))];
          const tables = [...new Set(pts.map((x) => x.wasm[0]?.tables.join("+")))];
          const o = pts.at(-1).outcome;
          const total = pts.slice(1).reduce((a, x) => ({ ok: a.ok + x.outcome.ok, invalid: a.invalid + x.outcome.invalid, aborted: a.aborted + x.outcome.aborted, other: a.other + x.outcome.other }), { ok: 0, invalid: 0, aborted: 0, other: 0 });
          return [
            label,
            ...pts.map((x) => int(x.heapUsed)),
            signed(pts.at(-1).heapUsed - pts.at(-2).heapUsed),
            pts[0].wasm.length ? mems.map(int).join(" → ") : "–",
            pts[0].wasm.length ? tables.join(" → ") : "–",
            grows(pts),
            `${int(total.ok)} / ${int(total.invalid)} / ${int(total.aborted)} / ${int(total.other)}` + (o.examples?.length ? ` (${o.examples[0]})` : ""),
          ];
        }),
      ),
      "",
      "The first column is right after the app was imported (before any call). Baselines have no Wasm. Aborted calls",
      "differ between clients: a baseline whose `fetch` runs synchronously gets its stubbed answer before the",
      "\"aborted right after the start\" signal fires, and succeeds.",
      "",
    );
  }

  // ------------------------------------------------------------------------------------------
  // 6. Concurrency
  if (r.concurrency) {
    const { calls, runs } = r.concurrency;
    p(
      `## 6. ${int(calls)} concurrent calls against the emulator`,
      "",
      `Before each run the emulator is reset and ${int(calls)} cancellable bookings are planted (copies of seeded booking 1001 with`,
      `IDs 100001…), then a fresh page starts all ${int(calls)} cancels at once (\`Promise.allSettled\`) against the emulator`,
      "(a debug build of `tests/emulator`, another origin, so CORS applies). Correct = resolved to its own `BookingID` with",
      "`Status` \"Cancelled\". Wall time from the first call to the last settlement, median over runs.",
      "",
      table(
        ["client", "wall ms", "settled", "correct", "requests the server saw (POST / OPTIONS)", "runs"],
        Object.entries(runs).map(([name, list]) => [
          LABEL[name],
          `${int(median(list.map((x) => x.ms)))} ${list.length > 1 ? spread(list.map((x) => x.ms)) : ""}`,
          list.map((x) => int(x.settled)).join(", "),
          list.map((x) => int(x.correct)).join(", "),
          list.map((x) => `${int(x.server.POST ?? 0)} / ${int(x.server.OPTIONS ?? 0)}`).join(", "),
          String(list.length),
        ]),
      ),
      "",
    );
    const errs = Object.entries(runs).flatMap(([name, list]) => list.flatMap((x) => Object.entries(x.errors).map(([k, v]) => `${name}: ${v}× ${k}`)));
    if (errs.length) p("Rejections:", "", ...errs.map((e) => `- ${e}`), "");
    const sdkRuns = runs.sdk ?? [];
    const everyCall = sdkRuns.length > 0 && sdkRuns.every((x) => (x.server.OPTIONS ?? 0) >= 0.9 * (x.server.POST ?? 1));
    p(
      "Chromium opens at most 6 HTTP/1.1 connections per host, so the calls queue in the browser. The OPTIONS column",
      "counts CORS preflights; the emulator allows caching them for 600 s (`Access-Control-Max-Age`), so a client's calls",
      "reuse the cached preflight once the first one has been answered (how many start before that varies from run to run).",
    );
    if (everyCall && b.noStore) {
      p(
        "Not the SDK's: it sent one preflight per call. Its transport sets fetch's `cache` option (`no-store`),",
        "and Chromium does not use its preflight cache for such requests (see the probe below), so every SDK call to the",
        "API from a web page costs an extra round trip.",
      );
    } else if (everyCall) {
      p("Not the SDK's: it sent one preflight per call.");
    }
    p("");
    const probe = r.concurrency.preflightProbe;
    if (probe) {
      p(
        "Probe (same run, fresh page, 5 sequential POSTs with the SDK's headers and `credentials: \"omit\"`, varying only",
        `the fetch \`cache\` mode): \`cache: "default"\` → ${probe.default.OPTIONS ?? 0} preflight(s) for ${probe.default.POST ?? 0} POSTs; \`cache: "no-store"\` →`,
        `${probe["no-store"].OPTIONS ?? 0} preflight(s) for ${probe["no-store"].POST ?? 0} POSTs.`,
        "",
      );
    }
  }

  // ------------------------------------------------------------------------------------------
  // Conformance
  {
    const cases = r.conformance.cases;
    const differs = [];
    const reportsDifferently = [];
    for (const c of cases) {
      for (const lib of ["zod", "valibot"]) {
        const s = c.sdk;
        const o = c[lib];
        if (s.ok !== o.ok) differs.push([c.name, lib, s.ok ? "accepts" : "rejects", o.ok ? "accepts" : "rejects"]);
        else if (s.ok && s.output !== o.output) differs.push([c.name, lib, "accepts", "accepts, different output"]);
        else if (!s.ok && s.paths && o.paths && JSON.stringify(s.paths) !== JSON.stringify(o.paths)) reportsDifferently.push([c.name, lib, s.paths.join(", ") || "(the text)", o.paths.join(", ")]);
      }
    }
    p(
      "## Rules the baselines could not express",
      "",
      `${cases.length} conformance cases (\`bench/src/cases.js\`, run in Node: \`parseMadeBooking\` against the two schemas).`,
      `On ${cases.length - new Set(differs.map((d) => d[0])).size} of them both baselines judge exactly as the SDK does (same verdict; same output when valid).`,
      "Every rule of the contract's Validation section is expressed in both schemas: integers and their ranges (zod",
      "`z.int()` and valibot `safeInteger()` are limited to safe integers like the SDK), `Status`/`Method` sets, nullable",
      "strings, `Credits` finite and ≥ 0, negative `Total`, unknown keys stripped, and the datetime rule with calendar",
      "validity as one shared regular expression (`bench/src/baselines/datetime.js`: zod 4's own `z.iso.datetime({ local:",
      "true, offset: true })` is looser: it accepts `2018-01-22T21:30`, fractions of any length and year 0000). What",
      "they cannot express is what `JSON.parse` has already lost before a schema sees the value:",
      "",
      table(
        ["case", "baseline", "SDK", "baseline"],
        differs.map(([name, lib, s, o]) => [name.replace(/\|/g, "\\|"), lib, s, o]),
        "llll",
      ),
      "",
      "- Number spellings: the SDK judges the JSON number as written, so `1.0000000000000001` is not an integer and",
      "  `-1e-400` is below zero, while `JSON.parse` turns them into `1` and `-0` first.",
      "- Duplicate keys: `JSON.parse` keeps the last value silently; the SDK reports the field.",
      "- Limits on the text (1 MiB, nesting depth 128) are the SDK's defence against hostile answers; a schema never",
      "  sees the text. A byte order mark: the SDK skips it like `response.json()` does; `JSON.parse` rejects it.",
      "",
    );
    if (reportsDifferently.length) {
      p(
        "Same verdict, different issue paths (reporting, not strictness):",
        "",
        table(["case", "baseline", "SDK paths", "baseline paths"], reportsDifferently.map((x) => x.map((v) => String(v).replace(/\|/g, "\\|").slice(0, 120))), "llll"),
        "",
      );
    }
  }

  // ------------------------------------------------------------------------------------------
  p(
    "## How each figure is measured",
    "",
    "- Harness: `bench/run.mjs` builds the bundles (`bench/lib/build.mjs`), serves `bench/src` and `bench/dist` from a",
    "  node:http server on 127.0.0.1, port 0, with correct MIME types (`application/wasm`) and `Cache-Control: no-store`,",
    "  and drives `/usr/bin/chromium` headless with playwright-core (`--enable-precise-memory-info` added to the usual",
    "  flags). Timings are taken in the page with `performance.now()`; run.mjs only sequences them.",
    "- Figures 2 and 3 run in one page each with all apps loaded, so every candidate sees the same engine state; each",
    "  figure 4, 5 and 6 run gets a fresh browser context.",
    "- Benchmarks are never assertions: the run fails only if something could not be measured or an app disagrees",
    "  with the SDK on the samples.",
    "- Files: `bench/src/apps/` (the apps that are bundled), `bench/src/baselines/` (the zod and valibot schemas and the",
    "  shared datetime pattern), `bench/src/page/` (pages, fetch stub, in-page harness), `bench/src/loop.js` (timing",
    "  loops shared with Node), `bench/src/node/node-bench.mjs` (Node figures and conformance), `bench/src/cases.js`,",
    "  `bench/lib/` (build, server, emulator control, report). `node bench/run.mjs --only parse,calls` runs some",
    "  figures; `node bench/run.mjs --render bench/results/<file>.json` rewrites the report from raw results.",
    "",
    // Measured by hand with its own script (bench/emulator-load.mjs): the emulator's figures.
    readFileSync(new URL("../emulator.md", import.meta.url), "utf8").trim(),
    "",
    // Measured by hand with its own script (bench/rust-frontend.sh): the SDK in a Rust frontend.
    readFileSync(new URL("../rust-frontend.md", import.meta.url), "utf8").trim(),
    "",
  );
  return out.join("\n");
}
