// What the front end knows at a moment: the scenario, the mode, the state shown, the player's
// selection and choices. Other modules read `app` and change it only through the named
// transitions below, so every way the app can move from one situation to the next is listed here
// (the `Readonly` type makes a stray assignment a compile error).
import { type EngineContext, type GameState, type Side, unitsInHex } from '../engine/core/index.ts';
import type { ScenarioHead } from './data.ts';
import type { JournalEntry, OrderChoice, PickKind } from './orders.ts';

/** view: a scenario's initial deployment (or the map alone); play: the player commands a side; replay: frames of a game. */
export type Mode = 'view' | 'play' | 'replay';
export type LogFilter = 'all' | 'combat' | 'turn';
export type Pick = { kind: PickKind; units: string[] };

export interface AppState {
  heads: ScenarioHead[];
  file: string;
  ctx: EngineContext | null;
  mode: Mode;
  side: Side;
  seed: string;
  /** The game waits for the player's orders. */
  waiting: boolean;
  /** A request to the engine is under way. */
  busy: boolean;
  state: GameState | null;
  frames: GameState[];
  frame: number;
  /** The replay shows each new frame as it is computed. */
  follow: boolean;
  runDone: boolean;
  playing: ReturnType<typeof setInterval> | null;
  lastRun: null | { finalHash: string; turns: number; computeMs: number };
  lastReplay: null | { ok: boolean; message: string; finalHash: string };
  selected: string[];
  attackTarget: number | null;
  reach: Map<number, number>;
  targets: number[];
  fireTargets: number[];
  hover: number;
  logFilter: LogFilter;
  tab: string;
  lastClick: { hex: number; index: number };
  /** Bumped when the scenario changes: answers for an older one are dropped. */
  generation: number;
  /** Orders offered in the panel (buttons and keys). */
  orders: OrderChoice[];
  /** A hex chosen for smoke or an air strike (combat phase). */
  orderHex: number | null;
  /** A mission waiting for its hex. */
  pick: Pick | null;
  /** The player's orders so far. */
  journal: JournalEntry[];
}

const state: AppState = {
  heads: [],
  file: '',
  ctx: null,
  mode: 'view',
  side: 'allied',
  seed: '1',
  waiting: false,
  busy: false,
  state: null,
  frames: [],
  frame: 0,
  follow: true,
  runDone: false,
  playing: null,
  lastRun: null,
  lastReplay: null,
  selected: [],
  attackTarget: null,
  reach: new Map(),
  targets: [],
  fireTargets: [],
  hover: -1,
  logFilter: 'all',
  tab: 'unit',
  lastClick: { hex: -1, index: 0 },
  generation: 0,
  orders: [],
  orderHex: null,
  pick: null,
  journal: [],
};

export const app: Readonly<AppState> = state;

// --- scenario ----------------------------------------------------------------------------------

export function setHeads(heads: ScenarioHead[]): void { state.heads = heads; }

/** A scenario is being opened: back to the view mode with nothing loaded; returns its generation. */
export function beginScenario(file: string): number {
  const gen = ++state.generation;
  Object.assign(state, {
    file, ctx: null, mode: 'view', frames: [], state: null, selected: [], attackTarget: null,
    lastRun: null, lastReplay: null, waiting: false,
  } satisfies Partial<AppState>);
  return gen;
}

export function scenarioLoaded(ctx: EngineContext, seed: string): void {
  state.ctx = ctx;
  state.seed = seed;
}

/** The map alone: no scenario, no state. */
export function beginMapOnly(): void {
  state.generation++;
  state.ctx = null;
  state.state = null;
}

/** Whether an answer started under this generation still concerns the scenario shown. */
export function isCurrent(gen: number): boolean { return gen === state.generation; }

// --- the state shown ---------------------------------------------------------------------------

/** Shows a state; the selection keeps the units still on the map, the attack form its enemy. */
export function applyState(s: GameState | null): void {
  state.state = s;
  state.selected = state.selected.filter((id) => s && s.units[id] && s.units[id].hex >= 0);
  if (state.attackTarget !== null && !(s && unitsInHex(s, state.attackTarget).some((u) => u.side !== state.side))) state.attackTarget = null;
}

export function setBusy(busy: boolean): void { state.busy = busy; }
export function setWaiting(waiting: boolean): void { state.waiting = waiting; }

// --- modes -------------------------------------------------------------------------------------

export function enterPlay(side: Side, seed: string): void {
  Object.assign(state, {
    mode: 'play', side, seed, selected: [], lastReplay: null, journal: [], pick: null, orderHex: null,
  } satisfies Partial<AppState>);
}

export function enterReplay(seed: string): void {
  Object.assign(state, {
    mode: 'replay', frames: [], frame: 0, follow: true, runDone: false, lastRun: null, lastReplay: null, selected: [], seed,
  } satisfies Partial<AppState>);
}

/** A frame of the replay arrived from the engine. */
export function applyFrame(i: number, s: GameState): void { state.frames[i] = s; }

/** The frame shown (clamped to those computed). */
export function showFrame(i: number): void { state.frame = Math.max(0, Math.min(state.frames.length - 1, i)); }

export function setFollow(follow: boolean): void { state.follow = follow; }

export function replayFinished(run: NonNullable<AppState['lastRun']>, check: AppState['lastReplay']): void {
  state.runDone = true;
  state.lastRun = run;
  if (check) state.lastReplay = check;
}

export function setPlayTimer(timer: AppState['playing']): void { state.playing = timer; }

/** The other side has played: the game waits (or not) for new orders, nothing is selected. */
export function phaseEnded(waiting: boolean): void {
  Object.assign(state, { waiting, selected: [], orderHex: null, pick: null } satisfies Partial<AppState>);
}

// --- selection and orders ----------------------------------------------------------------------

export function selectUnits(ids: string[]): void {
  Object.assign(state, { selected: ids, attackTarget: null, orderHex: null, pick: null } satisfies Partial<AppState>);
}

export function aimAttack(hex: number | null): void { state.attackTarget = hex; }
export function openHexOrders(hex: number): void { state.orderHex = hex; }

/** Closes the attack form and the smoke-and-air form. */
export function closeHexForms(): void {
  state.attackTarget = null;
  state.orderHex = null;
}

export function startPick(pick: Pick | null): void { state.pick = pick; }
export function offerOrders(orders: OrderChoice[]): void { state.orders = orders; }
export function recordOrder(entry: JournalEntry): void { state.journal.push(entry); }

/** Where the selection can move (hex -> previous hex on the way) and what it can attack and fire on. */
export function setChoices(reach: Map<number, number>, targets: number[], fireTargets: number[]): void {
  Object.assign(state, { reach, targets, fireTargets } satisfies Partial<AppState>);
}

export function noteClick(hex: number): void { state.lastClick = { hex, index: 0 }; }

// --- what is on screen -------------------------------------------------------------------------

export function setHover(hex: number): void { state.hover = hex; }
export function chooseTab(tab: string): void { state.tab = tab; }
export function setLogFilter(f: LogFilter): void { state.logFilter = f; }

// --- questions ---------------------------------------------------------------------------------

/** The game waits for the player's orders (whether or not one is being carried out). */
export function playerTurn(): boolean {
  return app.mode === 'play' && app.waiting && !!app.state && !app.state.finished;
}

/** The player can give an order now (none is being carried out). */
export function playerCanAct(): boolean { return playerTurn() && !app.busy; }
