// A classic script that pages load before their modules: records uncaught errors and
// unhandled rejections into `window.__uncaught`, which the Firefox driver reads (Playwright
// sees them in Chromium on its own). A rejection at the SDK's import would show up here.
window.__uncaught = [];
addEventListener("error", (e) => window.__uncaught.push(`error: ${e.message} (${e.filename}:${e.lineno})`));
addEventListener("unhandledrejection", (e) =>
  window.__uncaught.push(`unhandled rejection: ${e.reason?.stack ?? e.reason}`),
);
