/// <reference lib="webworker" />
// The engine worker: runs the game being played, replays and the AI off the page's thread
// (ui/engine-host.ts does the work), posting each turn's state as plain JSON.
import { EngineHost } from './engine-host.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const host = new EngineHost((m: FromWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m));
self.onmessage = (e: MessageEvent<ToWorker>) => void host.receive(e.data);
