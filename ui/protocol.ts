// Messages between the page and the engine worker. Game states cross as plain JSON (structured
// clone); the worker owns the game being played and every run, the page only draws them.
import type { Action, FigureComparison, GameState, LoggedAction, ReplayFile, ShareChange, Side } from '../engine/core/index.ts';

export type ToWorker =
  | { kind: 'load'; req: number; file: string }
  /** Start a game with the player commanding `side`; the other side is the historical controller. */
  | { kind: 'play'; req: number; seed: string; side: Side; assist: boolean; mail?: boolean }
  | { kind: 'action'; req: number; action: Action }
  /** End the player's part of the phase; `turn`: keep ending phases until the next turn begins. */
  | { kind: 'end'; req: number; turn: boolean }
  /** Both sides by the engine (historical plan + AI); streams one state per turn. */
  | { kind: 'historical'; req: number; seed: string; turns?: number }
  /** Checks a replay file (unparsed JSON: the worker checks it against the replay format); `file` names it in messages. */
  | { kind: 'replay'; req: number; replay: ReplayFile; file?: string }
  | { kind: 'saveReplay'; req: number }
  /**
   * Takes up a saved game (a replay file, checked turn by turn and link by link): the player
   * commands `side` from turn `fromTurn` (default: where the file ends). No `replay`: the game
   * the worker last replayed (historical or a file). `mail`: both sides are
   * people (play by e-mail, hot-seat), so the game waits for whichever side is to play.
   */
  | { kind: 'continue'; req: number; replay?: ReplayFile; file?: string; side: Side; assist: boolean; fromTurn?: number; mail: boolean }
  /** Takes back the player's last order of this phase (`all`: every one). */
  | { kind: 'undo'; req: number; all: boolean }
  /**
   * Plays the what-if's scenario with the historical plan and with the what-if on seeds `seed`,
   * `seed` + 1, ... (`runs` of them), as `cassino compare` does (the game in progress is kept).
   */
  | { kind: 'compareWhatIf'; req: number; whatIf: string; seed: string; runs: number };

/** Who holds an objective at the end of a run. */
export type WhatIfHolder = Side | 'none';

export type FromWorker =
  | { kind: 'loaded'; req: number; ok: true; scenario: string }
  | { kind: 'error'; req: number; message: string }
  /** The state of the game being played, after a request. `rejected`: why an action was refused. */
  | {
    kind: 'played'; req: number; state: GameState; rejected?: string; waiting: boolean; computeMs: number;
    /** The state's hash, the side the game waits for (a game between two people), orders that can be taken back, and what a continued file said. */
    hash?: string; next?: Side | null; undo?: number; message?: string;
  }
  /** One state of a streamed run: index 0 is the start, index k the state after turn k. */
  | { kind: 'frame'; req: number; index: number; state: GameState }
  | {
    kind: 'done'; req: number; finalHash: string; turns: number; computeMs: number;
    /** For replays of a file: whether it verified, and the sentence saying so (engine/core/replay-session.ts). */
    check?: { ok: boolean; message: string };
  }
  | { kind: 'replayFile'; req: number; replay: ReplayFile }
  /** How many runs of a long request (a what-if comparison) are done. */
  | { kind: 'progress'; req: number; done: number; total: number }
  | {
    /** The paired comparison, with the figures and statistics of `cassino compare` (engine/core/stats/paired.ts). */
    kind: 'whatIfCompared'; req: number; scenario: { id: string; name: string };
    whatIf: { id: string; name: string }; seeds: { first: string; last: string; count: number }; method: string;
    figures: Record<string, { label: string } & FigureComparison>;
    objectives: Record<string, { name: string; held: Record<WhatIfHolder, ShareChange> }>;
    computeMs: number;
  };

export type { LoggedAction };
