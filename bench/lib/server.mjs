// A tiny static server for the bench pages and bundles (node:http, 127.0.0.1, port 0).
// Every answer has the right MIME type (application/wasm for the .wasm, which streaming
// compilation needs) and `Cache-Control: no-store`. Bodies are sent uncompressed: on loopback
// the transfer is not what the cold-start figure is about (the sizes table has the gzip/brotli
// sizes that a real server would send).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".map": "application/json",
};

/**
 * @param {string} root the bench/ folder (serves /src/… and /dist/…)
 * @param {Record<string, string>} samples served as /samples.js (`globalThis.__BENCH_SAMPLES__`)
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serve(root, samples) {
  const samplesJs = `globalThis.__BENCH_SAMPLES__ = ${JSON.stringify(samples)};\n`;
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const send = (status, type, body) => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    };
    if (path === "/samples.js") return send(200, TYPES[".js"], samplesJs);
    if (path === "/" || path === "/favicon.ico") return send(204, "text/plain", "");
    const file = normalize(join(root, path));
    const allowed = [join(root, "src") + sep, join(root, "dist") + sep];
    if (!allowed.some((dir) => file.startsWith(dir))) return send(404, "text/plain", "not found");
    try {
      const body = await readFile(file);
      send(200, TYPES[extname(file)] ?? "application/octet-stream", body);
    } catch {
      send(404, "text/plain", "not found");
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
