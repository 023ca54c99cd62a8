// What the figures were measured on.
import { readFileSync } from "node:fs";
import os from "node:os";

function osRelease() {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    return text.match(/^PRETTY_NAME="?([^"\n]*)"?/m)?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

function cpuModel() {
  try {
    const text = readFileSync("/proc/cpuinfo", "utf8");
    const name = text.match(/^model name\s*:\s*(.*)$/m)?.[1];
    const mhz = text.match(/^cpu MHz\s*:\s*(.*)$/m)?.[1];
    if (name) return mhz ? `${name.trim()} (${Math.round(Number(mhz))} MHz)` : name.trim();
  } catch {}
  return os.cpus()[0]?.model ?? "unknown";
}

export function machine() {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism?.() ?? os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${osRelease()}, Linux ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    date: new Date().toISOString(),
  };
}
