// The emulator as a child process, for the Node-driven end-to-end tests (tests/e2e): started
// on a free port, its URL read from its one line on stdout, killed when the test process ends.

import { spawn } from "node:child_process";

/**
 * Starts `binary --port 0 --quiet ...args`; resolves to its base URL once it listens.
 *
 * @param {string} binary the adultwork-emulator executable
 * @param {string[]} [args] more arguments (`--static DIR`, `--corpus DIR`)
 * @returns {Promise<{ url: string, child: import("node:child_process").ChildProcess }>}
 */
export async function startEmulator(binary, args = []) {
  const child = spawn(binary, ["--port", "0", "--quiet", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Never leave it running, whatever happens.
  process.on("exit", () => child.kill());
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the emulator did not start in 10 s")), 10_000);
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /^listening on (\S+)/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${binary} (cargo build -p adultwork-emulator): ${e.message}`));
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code}`));
    });
  });
  return { url, child };
}
