// What an editor shows on hover, for everything the package exports: the package's types are
// opened through TypeScript's language service (`ts.createLanguageService`, the engine behind
// VS Code's hovers), starting from pkg/index.d.ts and following what it re-exports, and
// `getQuickInfoAtPosition` is asked about every exported function, class, interface and type,
// and every member of the classes and interfaces (the constructor and wasm-bindgen's `free`
// included). Each hover's documentation and JSDoc tags must be clean text:
//
// - not empty (a declaration without a doc shows only its signature);
// - no Rust left over from the generation: a raw string (`r"`, `r#"`, `"#`), an attribute
//   (`#[`, `#![`, `doc = "`, `wasm_bindgen(`, `tsify(`, `serde(`), a comment marker (`///`,
//   `//!`), an escape sequence that was never unescaped (`\"`, `\n`, outside code spans);
// - no doubled space between words (lines joined with their trailing space), outside code;
// - backticks balanced in every paragraph, outside fenced code blocks.
//
// Exits non-zero listing every offending declaration, its file and line, the problem, the line
// that shows it and the whole hover. Run by scripts/types-tests.sh after a build (pkg/ must
// exist); `node tests/types/hover.mjs DIR` checks another package directory, and HOVER_DUMP=1
// prints every hover.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// The package directory: pkg/, or the one given (to try the checks on a modified copy).
const pkg = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..", "pkg");
const entry = join(pkg, "index.d.ts");

const options = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
};

/** @type {ts.LanguageServiceHost} */
const host = {
  getScriptFileNames: () => [entry],
  getScriptVersion: () => "0",
  getScriptSnapshot: (file) =>
    ts.sys.fileExists(file) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(file) ?? "") : undefined,
  getCurrentDirectory: () => pkg,
  getCompilationSettings: () => options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());
const program = service.getProgram();
if (!program) throw new Error("the language service built no program");
const checker = program.getTypeChecker();
const index = program.getSourceFile(entry);
const moduleSymbol = index && checker.getSymbolAtLocation(index);
if (!moduleSymbol) throw new Error(`cannot read ${entry}: run ./scripts/build.sh first`);

/** Rust and generator leftovers; each is a pattern and what it means. */
const ARTIFACTS = [
  [/(?<![\w$])r#*"/, "a Rust raw string (r\" or r#\")"],
  [/"#+(?=$|[\s.,;:)\]])/m, "the end of a Rust raw string (\"#)"],
  [/#!?\[/, "a Rust attribute (#[ or #![)"],
  [/\bdoc\s*=\s*"/, "attribute text (doc = \")"],
  [/\b(wasm_bindgen|tsify|serde)\s*\(/, "attribute text (wasm_bindgen(, tsify( or serde()"],
  [/(^|\s)\/\/[/!]/m, "a Rust comment marker (/// or //!)"],
];
/** Escapes left from a Rust string literal; looked for outside `code spans`, where `\n` may be meant. */
const ESCAPE = [/\\["n]/, "an escape sequence that was never unescaped (\\\" or \\n)"];

/** Tags whose text is code: only the artifact and empty checks apply. */
const CODE_TAGS = new Set(["example"]);
/** Tags that may stand alone. */
const FLAG_TAGS = new Set(["deprecated", "internal", "readonly", "override", "sealed", "virtual"]);

/** The text with fenced code blocks (```…```) removed. */
const withoutFences = (text) => text.replace(/```[\s\S]*?```/g, "");

/** The line of `text` that `match` is on, for the report. */
function lineOf(text, index) {
  const start = text.lastIndexOf("\n", index - 1) + 1;
  const end = text.indexOf("\n", index);
  return text.slice(start, end === -1 ? undefined : end).trim();
}

/**
 * The problems of one piece of hover text (the documentation, or a tag's text).
 *
 * @param {string} where "documentation" or "@tag"
 * @param {string} text
 * @param {boolean} code whether the text is code (an @example)
 */
function problemsOf(where, text, code) {
  const found = [];
  for (const [pattern, what] of ARTIFACTS) {
    const match = pattern.exec(text);
    if (match) found.push(`${where}: ${what}, in «${lineOf(text, match.index)}»`);
  }
  const outsideCode = withoutFences(text).replace(/`[^`\n]*`/g, (span) => " ".repeat(span.length));
  const escape = ESCAPE[0].exec(outsideCode);
  if (escape) found.push(`${where}: ${ESCAPE[1]}, in «${lineOf(outsideCode, escape.index)}»`);
  if (code) return found;
  const prose = withoutFences(text);
  const doubled = /\S( {2,})\S/.exec(prose);
  if (doubled) found.push(`${where}: a doubled space, in «${lineOf(prose, doubled.index)}»`);
  for (const paragraph of prose.split(/\n\s*\n/)) {
    const ticks = paragraph.match(/`/g)?.length ?? 0;
    if (ticks % 2 === 1) found.push(`${where}: unbalanced backticks (${ticks}), in «${paragraph.trim()}»`);
  }
  return found;
}

/** @type {{ name: string, at: string, kind: string, hover: string, problems: string[] }[]} */
const results = [];

/**
 * Hovers over `node` (a declaration's name, or a constructor's keyword) and checks the result.
 *
 * @param {string} name how the report names it
 * @param {ts.Node} node
 */
function hover(name, node) {
  const file = node.getSourceFile();
  const position = node.getStart(file);
  const { line } = file.getLineAndCharacterOfPosition(position);
  const at = `${relative(pkg, file.fileName)}:${line + 1}`;
  let info;
  if (
    ts.isConstructSignatureDeclaration(node) ||
    ts.isCallSignatureDeclaration(node) ||
    ts.isMethodSignature(node) ||
    ts.isMethodDeclaration(node)
  ) {
    // Hovers that TypeScript shows where these are used (`new AdultWorkError(…)`,
    // `client[Symbol.dispose]()`), not on their declaration: built from the signature.
    const signature = checker.getSignatureFromDeclaration(node);
    if (signature) {
      info = {
        kind: "signature",
        displayParts: [{ text: checker.signatureToString(signature), kind: "text" }],
        documentation: signature.getDocumentationComment(checker),
        tags: signature.getJsDocTags(),
      };
    }
  } else {
    info = service.getQuickInfoAtPosition(file.fileName, position);
  }
  if (!info) {
    results.push({ name, at, kind: "?", hover: "", problems: ["no hover at all"] });
    return;
  }
  const signature = ts.displayPartsToString(info.displayParts);
  const documentation = ts.displayPartsToString(info.documentation);
  const tags = (info.tags ?? []).map((tag) => ({ name: tag.name, text: ts.displayPartsToString(tag.text) }));
  const problems = [];
  if (documentation.trim() === "") problems.push("empty documentation (the hover shows only the signature)");
  problems.push(...problemsOf("documentation", documentation, false));
  for (const tag of tags) {
    if (tag.text.trim() === "" && !FLAG_TAGS.has(tag.name)) problems.push(`@${tag.name}: empty`);
    problems.push(...problemsOf(`@${tag.name}`, tag.text, CODE_TAGS.has(tag.name)));
  }
  const shown = [signature, documentation, ...tags.map((t) => `@${t.name} ${t.text}`)].filter(Boolean).join("\n");
  results.push({ name, at, kind: info.kind, hover: shown, problems });
}

/** The members a hover test covers: of classes, interfaces and object-literal type aliases. */
function membersOf(declaration) {
  if (ts.isClassDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)) return declaration.members;
  if (ts.isTypeAliasDeclaration(declaration) && ts.isTypeLiteralNode(declaration.type)) return declaration.type.members;
  return [];
}

const exported = checker.getExportsOfModule(moduleSymbol);
for (const symbol of exported) {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  for (const declaration of target.declarations ?? []) {
    const name = symbol.getName();
    const nameNode = /** @type {{ name?: ts.Node }} */ (declaration).name;
    hover(name, nameNode ?? declaration);
    for (const member of membersOf(declaration)) {
      if (ts.isConstructorDeclaration(member)) {
        const keyword = member.getChildren().find((c) => c.kind === ts.SyntaxKind.ConstructorKeyword);
        hover(`${name}.constructor`, keyword ?? member);
      } else if (member.name) {
        // `[Symbol.dispose]()`: hovering its name shows the lib's `Symbol.dispose`, so the
        // method's own doc is read from its signature, as completions show it.
        const computed = ts.isComputedPropertyName(member.name);
        hover(`${name}.${member.name.getText()}`, computed ? member : member.name);
      } else {
        hover(`${name}[${ts.SyntaxKind[member.kind]}]`, member);
      }
    }
  }
}

// The test covers what it should: a broken walk that hovers over nothing must not pass.
const names = new Set(results.map((r) => r.name));
const MUST = [
  "cancelMadeBooking",
  "getMadeBookingDetails",
  "rescheduleMadeBooking",
  "canCancel",
  "parseMadeBooking",
  "AdultWorkClient",
  "AdultWorkClient.constructor",
  "AdultWorkClient.free",
  "AdultWorkClient.cancelMadeBooking",
  "AdultWorkError",
  "AdultWorkErrorConstructor[ConstructSignature]",
  "AdultWorkErrorBase.kind",
  "isAdultWorkError",
  "MadeBooking",
  "MadeBooking.BookingID",
  "ClientOptions.accessToken",
  "ErrorKind",
];
const unseen = MUST.filter((name) => !names.has(name));
if (unseen.length > 0) {
  console.error(`hover: these exports were not reached from pkg/index.d.ts: ${unseen.join(", ")}`);
  process.exit(1);
}

if (process.env.HOVER_DUMP) for (const r of results) console.log(`--- ${r.name} (${r.kind}, ${r.at})\n${r.hover}`);

const bad = results.filter((r) => r.problems.length > 0);
const declarations = results.filter((r) => !r.name.includes(".")).length;
if (bad.length > 0) {
  console.error(`hover: ${bad.length} of ${results.length} hovers (${declarations} exports and their members) are not clean:`);
  for (const r of bad) {
    console.error(`\n  ${r.name} (${r.kind}, ${r.at})`);
    for (const p of r.problems) console.error(`    - ${p}`);
    console.error(r.hover.split("\n").map((l) => `      | ${l}`).join("\n"));
  }
  process.exit(1);
}
console.log(`hover: all ${results.length} hovers (${declarations} exports and their members) show clean documentation`);
