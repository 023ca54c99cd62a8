import { defineConfig } from "vite";

// Nothing SDK-specific is needed: the package loads its .wasm itself (with a top-level await,
// which Vite's default browser targets support), both in the dev server and in `vite build`.
//
// The API target defaults to VITE_ADULTWORK_BASE_URL when it is set (scripts/example.sh sets
// it to the local emulator); Vite exposes VITE_* environment variables as import.meta.env.
export default defineConfig({
  clearScreen: false,
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
