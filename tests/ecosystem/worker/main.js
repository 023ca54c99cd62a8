import { runWorker } from "../shared/worker-page.js";

runWorker(new Worker(new URL("./worker.js", import.meta.url), { type: "module" }));
