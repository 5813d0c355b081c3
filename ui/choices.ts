// The player's choices as the engine sees them, drawn on the map: where the selection can move
// (and the path to the hovered hex), what it can attack and where its guns can fire.
import { type GameState, checkAction, moveDestinations } from '../engine/core/index.ts';
import { app, setChoices } from './app-state.ts';
import type { Highlights } from './map/overlays.ts';
import { view } from './services.ts';

export function ownUnit(id: string): boolean {
  return !!app.state && app.state.units[id]?.side === app.side;
}

export function isArtillery(id: string): boolean {
  return app.ctx?.scenario.unitById[id]?.type === 'artillery';
}

/** The inputs of the last computeChoices (the hovered hex is not one of them). */
let choicesKey: { state: GameState | null; sel: string; mode: string; waiting: boolean } | null = null;

/** Redraws the highlights; asks the engine again only when the state or the selection changed. */
export function refreshInteraction(): void {
  const key = { state: app.state, sel: app.selected.join(','), mode: app.mode, waiting: app.waiting };
  const same = choicesKey && choicesKey.state === key.state && choicesKey.sel === key.sel && choicesKey.mode === key.mode && choicesKey.waiting === key.waiting;
  if (!same) {
    choicesKey = key;
    computeChoices();
  }
  view.selected = app.selected;
  view.setHighlights(highlights());
}

function highlights(): Highlights {
  const s = app.state;
  const hl: Highlights = { hover: app.hover };
  if (!app.ctx || !s) return hl;
  hl.selectedHexes = app.selected.map((id) => s.units[id]?.hex).filter((h) => h !== undefined && h >= 0);
  if (app.reach.size) {
    hl.reach = [...app.reach.keys()];
    const from = s.units[app.selected[0]]?.hex;
    if (app.reach.has(app.hover) && from !== undefined) hl.path = pathTo(app.hover, from);
  }
  hl.targets = app.targets;
  hl.fireTargets = app.fireTargets;
  if (app.attackTarget !== null) hl.targets = [...new Set([...app.targets, app.attackTarget])];
  if (app.attackTarget !== null) hl.aimed = app.attackTarget;
  return hl;
}

/** The way from the selected unit's hex to a reachable hex, following the reach's back links. */
function pathTo(to: number, from: number): number[] {
  const path = [to];
  for (let h = app.reach.get(to)!; h >= 0 && h !== from; h = app.reach.get(h) ?? -1) path.push(h);
  path.push(from);
  return path.reverse();
}

/** Asks the engine where the selection can move, what it can attack and fire on. */
function computeChoices(): void {
  const reach = new Map<number, number>();
  const targets: number[] = [];
  const fireTargets: number[] = [];
  setChoices(reach, targets, fireTargets);
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) return;
  const canAct = app.mode === 'play' && app.waiting && !s.finished;
  const mine = app.selected.filter((id) => ownUnit(id) && s.units[id].status === 'active' && s.units[id].hex >= 0);
  if (canAct && s.phase === 'movement' && mine.length === 1 && s.units[mine[0]].mp > 0) {
    for (const [h, prev] of moveDestinations(ctx, s, mine[0])) reach.set(h, prev);
  }
  if (canAct && s.phase === 'combat') {
    const attackers = mine.filter((id) => !isArtillery(id));
    const guns = mine.filter((id) => isArtillery(id));
    const enemyHexes = new Set<number>();
    for (const id in s.units) {
      const u = s.units[id];
      if (u.side !== app.side && u.hex >= 0 && (u.status === 'active' || u.status === 'reserve')) enemyHexes.add(u.hex);
    }
    for (const h of enemyHexes) {
      const near = attackers.filter((id) => ctx.map.neighbours.subarray(s.units[id].hex * 6, s.units[id].hex * 6 + 6).includes(h));
      if (near.length && checkAction(ctx, s, { type: 'attack', units: near, target: h }) === null) targets.push(h);
      if (guns.length && checkAction(ctx, s, { type: 'fireSupport', artillery: guns, target: h }) === null) fireTargets.push(h);
    }
  }
}
