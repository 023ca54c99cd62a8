// Runs the two builds of bench/rust-frontend.sh in Node against the local emulator, so the
// figure is of apps that work: the build with the calls must cancel booking 1001 and read it
// back ("Cancelled"), then get `Conflict` on a second cancel; the build without them must not
// reach the API. Usage: node check.mjs <emulator binary> <dir with the build> <dir without>.
// Exits 1 if either build does not do what it should; prints what each returned.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startEmulator } from "../../tests/support/emulator-process.mjs";

const [emulatorBinary, withDir, withoutDir] = process.argv.slice(2);
const NAME = "adultwork_bench_rust_frontend";

/** The build's exports, instantiated from its (wasm-opt'd) .wasm. */
async function load(dir) {
  const glue = await import(pathToFileURL(join(dir, `${NAME}.js`)).href);
  await glue.default({ module_or_path: readFileSync(join(dir, `${NAME}_bg.wasm`)) });
  return glue;
}

const { url, child } = await startEmulator(emulatorBinary);
const requests = async () => (await (await fetch(`${url}/__emulator/requests`)).json()).length;
try {
  await fetch(`${url}/__emulator/reset`, { method: "POST" });
  const without = await load(withoutDir);
  const plain = await without.cancel_then_read(url, "test-token", 1001);
  console.log(`without the calls: ${plain}`);
  assert.equal(await requests(), 0, "the build without the calls reached the API");

  const app = await load(withDir);
  const first = await app.cancel_then_read(url, "test-token", 1001);
  console.log(`with the calls:    ${first}`);
  assert.equal(first, "cancel: Cancelled; details: Cancelled");
  const second = await app.cancel_then_read(url, "test-token", 1001);
  console.log(`                   ${second}`);
  assert.match(second, /^cancel: Conflict: The booking's state does not allow this \(HTTP 409\)/);
  assert.match(second, /; details: Cancelled$/);
} finally {
  child.kill();
}
