// Every export of the package's declarations carries a doc comment, and so does every member
// of its interfaces and classes: editors show them, so they are part of the API.
// Uses the TypeScript compiler's parser on pkg/*.d.ts. Exits non-zero listing what lacks one.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "pkg");
const missing = [];
let checked = 0;

/** Members wasm-bindgen adds to every class; they are documented by wasm-bindgen itself. */
const GENERATED = new Set(["free"]);

function hasDoc(node, source) {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  return ranges.some((r) => source.text.slice(r.pos, r.end).startsWith("/**"));
}

function nameOf(node) {
  return node.name?.getText?.() ?? "(anonymous)";
}

for (const file of ["api.d.ts", "errors.d.ts"]) {
  const source = ts.createSourceFile(file, readFileSync(join(pkg, file), "utf8"), ts.ScriptTarget.Latest, true);
  for (const statement of source.statements) {
    const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported || ts.isExportDeclaration(statement)) continue;
    checked += 1;
    const name = nameOf(statement);
    if (!hasDoc(statement, source)) missing.push(`${file}: ${name}`);
    const members = ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement)
      ? statement.members
      : ts.isTypeAliasDeclaration(statement) && ts.isTypeLiteralNode(statement.type)
        ? statement.type.members
        : [];
    for (const member of members) {
      const memberName = ts.isConstructorDeclaration(member) ? "constructor" : nameOf(member);
      if (GENERATED.has(memberName)) continue;
      checked += 1;
      if (!hasDoc(member, source)) missing.push(`${file}: ${name}.${memberName}`);
    }
  }
}

if (missing.length > 0) {
  console.error(`declarations without a doc comment (${missing.length}):\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
console.log(`doc comments: all ${checked} exported declarations and members have one`);
