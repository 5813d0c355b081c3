// Artillery fires on a hex: losses, and suppression of the men under the fire.
import { z } from 'zod';
import { original } from '../immer.ts';
import { unitsInHex } from '../attack.ts';
import { onClearCaches } from '../caches.ts';
import type { EngineContext } from '../context.ts';
import { fireRefusal } from '../fire-limits.ts';
import { hexLabel } from '../map.ts';
import { bombardmentCasualties } from '../models/fire.ts';
import { isObserved } from '../models/observation.ts';
import { keyedUniform } from '../rng.ts';
import { hexIndex, unitId } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import type { GameState, LogEvent, Side } from '../types.ts';
import { ACCEPTED, checkArtillery, defineAction, offMap, spreadLosses, unitOf } from './action.ts';

export const fireSupport = defineAction({
  type: 'fireSupport',
  schema: z.strictObject({ type: z.literal('fireSupport'), artillery: z.array(unitId), target: hexIndex }),
  phases: ['combat'],
  check(ctx, state, a) {
    const off = offMap(ctx, a.target);
    if (off) return off;
    if (a.artillery.length === 0) return 'fire support needs at least one artillery unit';
    const first = unitOf(state, a.artillery[0]);
    if (!first) return `unknown unit "${a.artillery[0]}"`;
    for (const id of a.artillery) {
      const reason = checkArtillery(ctx, state, id, first.side, a.target);
      if (reason) return reason;
    }
    return fireRefusal(ctx, state, first.side, a.target) ?? ACCEPTED;
  },
  apply: (ctx, s, a) => bombard(ctx, s, a.artillery, a.target),
  hexes: (a) => [['target', a.target]],
  units: (a) => a.artillery,
  describe: (a, w) => `${a.artillery.length} artillery ${a.artillery.length === 1 ? 'unit fires' : 'units fire'} on ${w.hex(a.target)}`,
});

function bombard(ctx: EngineContext, s: GameState, artillery: string[], target: number): void {
  const first = s.units[artillery[0]];
  let guns = 0;
  for (const id of artillery) { const a = s.units[id]; guns += a.guns; a.fired++; }
  // Who is in the hex is read from the state before this produce (searching a draft is slow); the
  // guns firing are not among them, nobody moves in, and fire earlier in a batch may have
  // destroyed some.
  const defenders = unitsInHex(original(s) as GameState, target).filter((u) => u.side !== first.side).map((u) => s.units[u.id])
    .filter((u) => u.hex === target && (u.status === 'active' || u.status === 'reserve'));
  const men = defenders.reduce((a, u) => a + u.men, 0);
  const observed = isObserved(s, first.side, target);
  const entrench = defenders.length ? Math.max(...defenders.map((u) => u.entrenchment)) : 0;
  const u = keyedUniform(s.rng, 'fire', `t${s.turn}/h${target}/n${s.attackSeq++}`);
  const lost = bombardmentCasualties(ctx.params.fire, guns, men, entrench, observed, u);
  const losses = spreadLosses(s, defenders, lost);
  // Suppression is what a turn of heavy fire does to a hex, however many missions it comes in:
  // this mission adds what its guns add to the turn's total so far (read from this turn's log).
  const before = gunsFiredThisTurn(s, first.side, target);
  const full = ctx.params.fire.suppressionCohesion.value;
  const suppression = Math.round(full * Math.min(1, (before + guns) / 100)) - Math.round(full * Math.min(1, before / 100));
  // Fire pins and shakes men; what breaks a unit is losses and defeat: fire alone takes cohesion
  // no lower than the floor.
  const floor = ctx.params.fire.suppressionFloor.value;
  for (const d of defenders) {
    const took = Math.max(0, Math.min(d.cohesion - floor, suppression));
    d.cohesion -= took;
    d.suppressed += took;
  }
  log(s, {
    kind: 'bombardment', side: first.side, hex: target, units: artillery, losses,
    text: `${first.side} artillery (${guns} guns) fires on ${hexLabel(ctx.map, target)}: ${lost} ${lost === 1 ? 'man' : 'men'} lost`,
    data: { guns, lost },
  });
}

/** Guns `side` has already fired on hex `h` in bombardments this turn. */
function gunsFiredThisTurn(s: GameState, side: Side, h: number): number {
  // A batch of fire missions asks once per mission: this turn's fire is added up once per draft,
  // then brought up to date with the entries logged since. Entries already in the state before
  // this draft are read there: read through the draft, each would become a draft of its own.
  const entries = s.log;
  const turn = s.turn;
  let fired = firedByDraft.get(s);
  if (!fired) {
    fired = { upTo: entries.length, guns: new Map() };
    const before = (original(s) as GameState).log;
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = i < before.length ? before[i] : entries[i];
      if (e.turn !== turn) break;
      addFire(fired.guns, e);
    }
    firedByDraft.set(s, fired);
  } else {
    for (let i = fired.upTo; i < entries.length; i++) if (entries[i].turn === turn) addFire(fired.guns, entries[i]);
    fired.upTo = entries.length;
  }
  return fired.guns.get(`${side}|${h}`) ?? 0;
}

let firedByDraft = new WeakMap<GameState, { upTo: number; guns: Map<string, number> }>();
onClearCaches('fireSupport.firedByDraft', () => { firedByDraft = new WeakMap(); });

function addFire(guns: Map<string, number>, e: LogEvent): void {
  if (e.kind !== 'bombardment') return;
  const key = `${e.side}|${e.hex}`;
  guns.set(key, (guns.get(key) ?? 0) + (e.data as { guns: number }).guns);
}
