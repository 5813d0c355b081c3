// The page's side of the engine worker: requests with promises, streamed frames by callback.
import type { Action, GameState, ReplayFile, Side } from '../engine/core/index.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

type Played = Extract<FromWorker, { kind: 'played' }>;
type Done = Extract<FromWorker, { kind: 'done' }>;

// Distributes Omit over a union (the built-in Omit would merge the members).
type WithoutReq<T> = T extends unknown ? Omit<T, 'req'> : never;

export class EngineClient {
  private worker: Worker;
  private next = 1;
  private pending = new Map<number, { resolve: (m: FromWorker) => void; reject: (e: Error) => void; onFrame?: (i: number, s: GameState) => void; onProgress?: (done: number, total: number) => void }>();

  /** True while the worker has been asked nothing: it is as a new one would be. */
  private fresh = true;

  constructor() {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    w.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(`engine worker failed: ${e.message}`));
      this.pending.clear();
    };
    this.fresh = true;
    return w;
  }

  private receive(m: FromWorker): void {
    const p = this.pending.get(m.req);
    if (!p) return;
    if (m.kind === 'frame') { p.onFrame?.(m.index, m.state); return; }
    if (m.kind === 'progress') { p.onProgress?.(m.done, m.total); return; }
    this.pending.delete(m.req);
    if (m.kind === 'error') p.reject(new Error(m.message));
    else p.resolve(m);
  }

  private request<T extends FromWorker>(msg: WithoutReq<ToWorker>, onFrame?: (i: number, s: GameState) => void, onProgress?: (done: number, total: number) => void): Promise<T> {
    const req = this.next++;
    this.fresh = false;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(req, { resolve: resolve as (m: FromWorker) => void, reject, onFrame, onProgress });
      this.worker.postMessage({ ...msg, req } as ToWorker);
    });
  }

  load(file: string): Promise<unknown> { return this.request({ kind: 'load', file }); }
  play(seed: string, side: Side, assist: boolean, mail = false): Promise<Played> { return this.request({ kind: 'play', seed, side, assist, mail }); }
  /** Takes up a saved game (see the 'continue' message); rejects with the sentence saying why a file does not verify. */
  continueGame(replay: ReplayFile | undefined, o: { file?: string; side: Side; assist: boolean; fromTurn?: number; mail: boolean }): Promise<Played> {
    return this.request({ kind: 'continue', ...(replay ? { replay } : {}), ...o });
  }
  undo(all: boolean): Promise<Played> { return this.request({ kind: 'undo', all }); }
  act(action: Action): Promise<Played> { return this.request({ kind: 'action', action }); }
  end(turn: boolean): Promise<Played> { return this.request({ kind: 'end', turn }); }
  historical(seed: string, onFrame: (i: number, s: GameState) => void, turns?: number): Promise<Done> {
    return this.request({ kind: 'historical', seed, turns }, onFrame);
  }
  /** `file`: the replay file's name, which the check's messages give. */
  replay(replay: ReplayFile, onFrame: (i: number, s: GameState) => void, file?: string): Promise<Done> {
    return this.request({ kind: 'replay', replay, ...(file !== undefined ? { file } : {}) }, onFrame);
  }
  async saveReplay(): Promise<ReplayFile> {
    const m = await this.request<Extract<FromWorker, { kind: 'replayFile' }>>({ kind: 'saveReplay' });
    return m.replay;
  }

  /** The what-if against the historical plan on seeds seed, seed + 1, ... (`runs` of them), as `cassino compare`. */
  compareWhatIf(whatIf: string, seed: string, runs: number, onProgress?: (done: number, total: number) => void): Promise<Extract<FromWorker, { kind: 'whatIfCompared' }>> {
    return this.request({ kind: 'compareWhatIf', whatIf, seed, runs }, undefined, onProgress);
  }

  /**
   * Stops whatever the worker is doing (a long run) and starts a fresh one. A worker asked nothing
   * yet is kept: at start-up it has been compiling the engine while the page drew, and a new one
   * would start that again on the way to the first map.
   */
  restart(): void {
    if (this.fresh) return;
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('cancelled'));
    this.pending.clear();
    this.worker = this.spawn();
  }
}
