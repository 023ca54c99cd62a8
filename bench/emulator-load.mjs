#!/usr/bin/env node
// Idle memory and throughput of the local API emulator (tests/emulator), from outside:
// starts the binary, reads its resident memory once it is idle, then drives
// `POST /v1/PhoneChat/CancelMadeBooking` over keep-alive connections and counts answers.
//
//   node bench/emulator-load.mjs [--binary PATH] [--seconds 10] [--connections 8] [--copies 20000]
//
// PATH defaults to $CARGO_TARGET_DIR/debug/adultwork-emulator (the debug build every script
// uses; build it with `cargo build -p adultwork-emulator`). Two loads, one after the other:
//
// - "cancel 200": `--copies` copies of seeded booking 1001 (Pending) are planted first
//   (PUT /__emulator/bookings/<id>, not timed), then each is cancelled once: every answer is a
//   200 with the updated booking (read the body, check the rule, write the booking, serialize it).
// - "cancel 409": booking 1005 is already Cancelled, so the same cancel is refused with a 409
//   every time, for `--seconds`: the steady state of the same endpoint without the write.
//
// The client is Node's own http module (no install needed) on the same machine, so on a
// 2-core machine it competes with the emulator for the CPU: compare figures taken the same
// way, not with other tools. The emulator's own CPU time per request (from /proc) is printed
// too: it depends much less on what else runs on the machine. Prints a small table and a JSON
// line.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const targetDir =
  process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), ".cache/adultwork-sdk/target");
const binary = arg("binary", path.join(targetDir, "debug/adultwork-emulator"));
const seconds = Number(arg("seconds", "10"));
const connections = Number(arg("connections", "8"));
const copies = Number(arg("copies", "20000"));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function start() {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["--port", "0", "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
    let seen = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`emulator exited (${code}) before listening`)));
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = /^listening on (\S+)/m.exec(seen);
      if (match) resolve({ child, url: new URL(match[1]) });
    });
  });
}

/** CPU time (user + system) a process has used so far, in ms (Linux). */
function cpuMs(pid) {
  // Fields after the command name, which is in parentheses and may contain spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** VmRSS and VmHWM of a process, in KiB (Linux). */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return { rssKiB: field("VmRSS"), peakKiB: field("VmHWM") };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

function send(url, method, target, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, host: url.hostname, port: url.port, method, path: target, headers },
      (response) => {
        const chunks = [];
        response.on("data", (c) => chunks.push(c));
        response.on("end", () =>
          resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const API = {
  authorization: "bearer test-token",
  "content-type": "application/json",
};
const CANCEL = "/v1/PhoneChat/CancelMadeBooking";

/** Runs `connections` workers that each call `next()` until it returns undefined. */
async function drive(url, next, pid) {
  const statuses = new Map();
  let done = 0;
  async function worker() {
    for (let body = next(); body !== undefined; body = next()) {
      const answer = await send(url, "POST", CANCEL, body, API);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      done += 1;
    }
  }
  const started = performance.now();
  const cpuBefore = cpuMs(pid);
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  // The emulator's own CPU time per answer: less sensitive to other load than req/s.
  const cpuUsPerRequest = ((cpuMs(pid) - cpuBefore) * 1000) / done;
  return {
    requests: done,
    seconds: elapsed,
    perSecond: done / elapsed,
    cpuUsPerRequest,
    statuses: Object.fromEntries(statuses),
  };
}

const { child, url } = await start();
try {
  await sleep(1000);
  const idle = memory(child.pid);

  // Warm-up (connections, lazy initialisation), not counted.
  let warm = 500;
  await drive(
    url,
    () => (warm-- > 0 ? JSON.stringify({ BookingID: 1005, Reason: "warm-up" }) : undefined),
    child.pid,
  );

  const template = JSON.parse((await send(url, "GET", "/__emulator/bookings/1001")).body);
  let planting = 0;
  const plantOne = async () => {
    while (planting < copies) {
      const id = 100000 + planting++;
      const answer = await send(url, "PUT", `/__emulator/bookings/${id}`, JSON.stringify({ ...template, BookingID: id }));
      if (answer.status !== 204) throw new Error(`planting ${id}: HTTP ${answer.status}`);
    }
  };
  await Promise.all(Array.from({ length: connections }, plantOne));
  let nextId = 100000;
  const ok = await drive(url, () =>
    nextId < 100000 + copies ? JSON.stringify({ BookingID: nextId++, Reason: "load test" }) : undefined,
    child.pid,
  );

  const deadline = performance.now() + seconds * 1000;
  const refused = await drive(url, () =>
    performance.now() < deadline ? JSON.stringify({ BookingID: 1005, Reason: "load test" }) : undefined,
    child.pid,
  );
  const loaded = memory(child.pid);

  const row = (name, r) =>
    `| ${name} | ${Math.round(r.perSecond)} | ${Math.round(r.cpuUsPerRequest)} | ${r.requests} in ${r.seconds.toFixed(1)} s | ${JSON.stringify(r.statuses)} |`;
  console.log(`emulator: ${binary}`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}`);
  console.log(`idle RSS: ${idle.rssKiB} KiB; after the loads: RSS ${loaded.rssKiB} KiB, peak ${loaded.peakKiB} KiB`);
  console.log(
    `| load (${connections} keep-alive connections) | req/s | emulator CPU µs/request | requests | statuses |`,
  );
  console.log("|---|---|---|---|---|");
  console.log(row("cancel 200 (planted copies of 1001)", ok));
  console.log(row("cancel 409 (booking 1005, already cancelled)", refused));
  console.log(JSON.stringify({ binary, connections, idle, loaded, ok, refused, loadavg: os.loadavg() }));
  const expected = ok.statuses[200] === copies && refused.statuses[409] === refused.requests;
  if (!expected) {
    console.error("unexpected statuses: the figures do not measure what they claim");
    process.exitCode = 1;
  }
} finally {
  agent.destroy();
  child.kill();
}
