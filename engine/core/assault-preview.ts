// What an assault would bring, before it is ordered: the odds (the very figure the result will
// report, from assaultSetup, which the reducer's resolveAttack uses too), the guns the rules let
// fire for it and those that will answer, and the likely result as a range. The range comes from
// fighting the assault with the reducer's own resolveAttack on trial seeds derived from the game's
// seed (never the draws the real assault will use, so the preview tells no future), on drafts
// that are thrown away: the preview cannot follow other rules than the assault itself.
import { checkArtillery } from './actions/action.ts';
import { artilleryInRange, assaultSetup, resolveAttack } from './attack.ts';
import type { EngineContext } from './context.ts';
import { checkAction } from './engine.ts';
import { fireRefusal } from './fire-limits.ts';
import { produce } from './immer.ts';
import type { GameState, LogEvent, Side } from './types.ts';

/** Low, middle and high of a figure over the trials (10th, 50th and 90th percentiles). */
export interface PreviewRange { low: number; median: number; high: number }

export interface AssaultPreview {
  ok: true;
  side: Side;
  target: number;
  attackers: string[];
  defenders: string[];
  /** The batteries the rules allow to fire for this assault now (in range, a mission left), with their guns. */
  gunsAllowed: Array<{ id: string; guns: number }>;
  /** Why no gun may fire on the target now (a fire limit such as danger close), when one applies. */
  fireLimit?: string;
  /** Guns of the batteries named for the assault, and of the defender's batteries that answer it. */
  attackGuns: number;
  defenceGuns: number;
  answering: string[];
  /** Men on each side as the combat model counts them. */
  attackMen: number;
  defenceMen: number;
  /** The combat model's power ratio, attacker over defender: what the result will report. */
  ratio: number;
  /** Share of the trials the attacker won. */
  winChance: number;
  trials: number;
  attackerLosses: PreviewRange;
  defenderLosses: PreviewRange;
}

export type AssaultPreviewAnswer = AssaultPreview | { ok: false; reason: string };

/** Trials of the assault behind a preview's range: enough for a 10-90 % range to settle within a few percent. */
export const PREVIEW_TRIALS = 40;

/**
 * Previews the assault of `units` (with the batteries `artillery`) on hex `target`, or says why
 * the rules refuse it.
 */
export function previewAssault(
  ctx: EngineContext, state: GameState, units: string[], target: number, artillery: string[] = [], trials = PREVIEW_TRIALS,
): AssaultPreviewAnswer {
  const refused = checkAction(ctx, state, { type: 'attack', units, target, artillery });
  if (refused) return { ok: false, reason: refused };
  const setup = assaultSetup(ctx, state, units, target, artillery);
  const side = setup.attackers[0].side;
  const fireLimit = fireRefusal(ctx, state, side, target);
  const outcomes: Array<NonNullable<LogEvent['data']>> = [];
  for (let i = 0; i < trials; i++) {
    produce(state, (d) => {
      d.rng.seed = `${state.rng.seed}/preview/${i}`;
      outcomes.push(resolveAttack(ctx, d, units, target, artillery, state).event.data!);
    });
  }
  const range = (key: string): PreviewRange => percentiles(outcomes.map((o) => Number(o[key])));
  return {
    ok: true, side, target, attackers: [...units], defenders: setup.defenders.map((u) => u.id),
    gunsAllowed: gunsAllowed(ctx, state, side, target),
    ...(fireLimit ? { fireLimit } : {}),
    attackGuns: setup.guns.attack, defenceGuns: setup.guns.defence, answering: setup.answering,
    attackMen: setup.input.attacker.men, defenceMen: setup.input.defender.men,
    ratio: setup.ratio,
    winChance: outcomes.filter((o) => o.won === true).length / Math.max(1, trials),
    trials,
    attackerLosses: range('attackerLosses'),
    defenderLosses: range('defenderLosses'),
  };
}

/** The batteries of `side` the rules let fire on `target` now. */
export function gunsAllowed(ctx: EngineContext, state: GameState, side: Side, target: number): Array<{ id: string; guns: number }> {
  if (fireRefusal(ctx, state, side, target)) return [];
  return artilleryInRange(ctx, state, side, target)
    .filter((u) => checkArtillery(ctx, state, u.id, side, target) === null)
    .map((u) => ({ id: u.id, guns: u.guns }));
}

function percentiles(xs: number[]): PreviewRange {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : 0);
  return { low: at(0.1), median: at(0.5), high: at(0.9) };
}

/** A force ratio to two significant figures ("0.43", "1.2", "12"), as a wargamer reads odds. */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r) || r <= 0) return '0';
  return Number(r.toPrecision(2)).toString();
}
