// Worker-thread entry when a worker's modules could not be bundled (script.ts): registers tsx so
// the TypeScript worker module runs as it is.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';
register();
await import(workerData.module);
