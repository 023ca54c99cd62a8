// The page starts a module worker the way Vite documents it; the worker imports the SDK.
import { runWorker } from "../shared/worker-page.js";

runWorker(new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }));
