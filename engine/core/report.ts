// What a run amounts to, in the terms its users ask about: who holds each objective and since
// when, losses by side, formation and unit, and a per-turn, per-unit loss table.
import type { EngineContext } from './context.ts';
import type { ObjectiveTrack } from './run.ts';
import { unitFormations } from './scenario.ts';
import { fullLog } from './state-log.ts';
import { dateOf, fromMinutes, turnStart } from './time.ts';
import type { GameState, Side } from './types.ts';

export interface ObjectiveOutcome {
  id: string;
  name: string;
  holder: Side | 'none';
  /** Changes of hands: the turn and date-time at the end of which the new holder held it. */
  changes: Array<{ turn: number; at: string; holder: Side | 'none' }>;
}

export interface LossRow { unit: string; name: string; side: Side; turn: number; date: string; men: number }

export interface RunSummary {
  scenario: { id: string; version: string; name: string };
  seed: string;
  turnsPlayed: number;
  finished: boolean;
  from: string;
  to: string;
  stateHash: string;
  /** checks: verdict of each documented outcome (scenario documented.outcomes[].check). */
  outcome: { objectives: ObjectiveOutcome[]; flags: Record<string, string>; checks: Record<string, boolean> };
  losses: {
    bySide: Record<Side, number>;
    byFormation: Array<{ id: string; name: string; side: Side; level: string; men: number }>;
    byUnit: Array<{ id: string; name: string; side: Side; formation: string; lost: number; men: number; status: string }>;
  };
  lossTable: LossRow[];
}

export function summarise(
  ctx: EngineContext, state: GameState, seed: string, track: ObjectiveTrack, stateHash: string, checks: Record<string, boolean> = {},
): RunSummary {
  const sc = ctx.scenario;
  const initial: Record<string, Side | 'none'> = {};
  for (const o of sc.objectives) {
    const c = sc.control[o.hex];
    initial[o.id] = c === 'A' ? 'allied' : c === 'G' ? 'german' : 'none';
  }
  const objectives: ObjectiveOutcome[] = sc.objectives.map((o) => {
    const changes: ObjectiveOutcome['changes'] = [];
    let holder = initial[o.id];
    for (const t of track) {
      if (t.holders[o.id] !== holder) {
        holder = t.holders[o.id];
        changes.push({ turn: t.turn, at: fromMinutes(turnStart(sc.start, t.turn + 1)), holder });
      }
    }
    return { id: o.id, name: o.name, holder, changes };
  });

  const bySide: Record<Side, number> = { allied: 0, german: 0 };
  const byFormation = new Map<string, number>();
  const byUnit: RunSummary['losses']['byUnit'] = [];
  for (const u of sc.units) {
    const lost = state.losses[u.id] ?? 0;
    bySide[u.side] += lost;
    for (const f of unitFormations(sc, u.id)) byFormation.set(f, (byFormation.get(f) ?? 0) + lost);
    const st = state.units[u.id];
    byUnit.push({ id: u.id, name: u.name, side: u.side, formation: u.formation, lost, men: st.men, status: st.status });
  }
  const perTurn = new Map<string, number>();
  for (const e of fullLog(state)) {
    if (!e.losses) continue;
    for (const [id, n] of Object.entries(e.losses)) {
      const key = `${e.turn}|${id}`;
      perTurn.set(key, (perTurn.get(key) ?? 0) + n);
    }
  }
  const lossTable: LossRow[] = [...perTurn.entries()].map(([key, men]) => {
    const [t, id] = key.split('|');
    const turn = Number(t);
    const u = sc.unitById[id];
    return { unit: id, name: u.name, side: u.side, turn, date: dateOf(turnStart(sc.start, turn)), men };
  }).sort((a, b) => a.turn - b.turn || (a.unit < b.unit ? -1 : 1));

  return {
    scenario: { id: sc.id, version: sc.version, name: sc.name },
    seed,
    turnsPlayed: state.turnHashes.length,
    finished: state.finished,
    from: fromMinutes(sc.start),
    to: fromMinutes(turnStart(sc.start, state.turnHashes.length)),
    stateHash,
    outcome: { objectives, flags: state.flags, checks },
    losses: {
      bySide,
      byFormation: sc.formations.map((f) => ({ id: f.id, name: f.name, side: f.side, level: f.level, men: byFormation.get(f.id) ?? 0 })),
      byUnit,
    },
    lossTable,
  };
}
