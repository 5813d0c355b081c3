// `cassino hunt`: the exploit hunter (engine/core/hunt.ts) on one scenario and side, at a budget
// of tries; writes the best try's replay and a summary, and exits 1 when a try raised a flag.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataError, zodIssues } from '../core/data-error.ts';
import { type HuntBounds, type HuntTry, hunt, huntBoundsSchema } from '../core/hunt.ts';
import { recordReplay } from '../core/replay-session.ts';
import { fromMinutes, turnStart } from '../core/time.ts';
import type { EngineContext } from '../core/context.ts';
import type { Side } from '../core/types.ts';
import { SCENARIO_DIR, displayPath, loadContext, readData, writeFileAtomic } from './files.ts';
import { fingerprintOf } from './provenance.ts';

const BOUNDS_FILE = join(SCENARIO_DIR, 'hunt', 'bounds.json');

export function readBounds(scenario: string): HuntBounds {
  const raw = readData(BOUNDS_FILE);
  const parsed = huntBoundsSchema.safeParse(raw);
  if (!parsed.success) throw new DataError(displayPath(BOUNDS_FILE), zodIssues(parsed.error.issues));
  const b = parsed.data.scenarios[scenario];
  if (!b) throw new DataError(displayPath(BOUNDS_FILE), [{ path: 'scenarios', message: `no bounds for scenario "${scenario}" (it has ${Object.keys(parsed.data.scenarios).join(', ')})` }]);
  return b;
}

/** What a try took and lost: objectives with the time each was first held, losses by side. */
function tryReport(ctx: EngineContext, t: HuntTry, side: Side) {
  const taken: Record<string, string> = {};
  for (const o of t.run.objectives) for (const [id, h] of Object.entries(o.holders)) {
    if (h === side && !(id in taken) && t.run.objectives[0] !== undefined) taken[id] = fromMinutes(turnStart(ctx.scenario.start, o.turn + 1));
  }
  const losses: Record<string, number> = { allied: 0, german: 0 };
  for (const [id, n] of Object.entries(t.run.state.losses)) losses[t.run.state.units[id]?.side ?? 'allied'] += n;
  return { seed: t.seed, flags: t.flags, objectivesHeld: taken, losses };
}

export function huntSummary(ctx: EngineContext, side: Side, budget: number, r: ReturnType<typeof hunt>) {
  return {
    scenario: ctx.scenario.id, side, budget,
    flags: r.flagged.flatMap((t) => t.flags.map((f) => ({ seed: t.seed, ...f }))),
    best: tryReport(ctx, r.best, side),
    flaggedTries: r.flagged.map((t) => tryReport(ctx, t, side)),
  };
}

export async function huntCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { side: { type: 'string' }, budget: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, params: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new HuntUsage('expected one scenario');
  if (values.side !== 'allied' && values.side !== 'german') throw new HuntUsage('--side must be allied or german');
  if (!values.out) throw new HuntUsage('--out DIR is required');
  const budget = values.budget === undefined ? 8 : Number(values.budget);
  if (!Number.isInteger(budget) || budget < 1) throw new HuntUsage(`--budget must be a whole number of 1 or more, got "${values.budget}"`);
  // A rule or parameter trial is hunted as it would be played: the replay carries its fingerprint,
  // so that it is refused, with the reason, where the trial's parameters are not given.
  const params = values.params !== undefined ? resolve(values.params) : undefined;
  const ctx = loadContext(positionals[0], params !== undefined ? { params } : {});
  const bounds = readBounds(ctx.scenario.id);
  const side = values.side;
  const r = hunt(ctx, side, bounds, budget, values.seed ?? ctx.scenario.defaultSeed);
  mkdirSync(values.out, { recursive: true });
  const summary = huntSummary(ctx, side, budget, r);
  const fingerprint = await fingerprintOf({ scenario: ctx.scenario.file, ...(params !== undefined ? { params } : {}) });
  writeFileAtomic(join(values.out, 'best.replay.json'), JSON.stringify(recordReplay(ctx, r.best.run, { file: displayPath(ctx.scenario.file), turns: bounds.turns, fingerprint })) + '\n');
  writeFileAtomic(join(values.out, 'hunt.json'), JSON.stringify(summary, null, 2) + '\n');
  if (values.json) console.log(JSON.stringify(summary));
  else {
    console.log(`hunt ${ctx.scenario.id}, ${side}, ${budget} tries: ${summary.flags.length} flag(s)`);
    for (const f of summary.flags) console.log(`  [${f.seed}] ${f.kind}: ${f.text}`);
    console.log(`best try ${r.best.seed}: objectives held ${Object.keys(summary.best.objectivesHeld).join(', ') || 'none'}; losses allied ${summary.best.losses.allied}, german ${summary.best.losses.german}`);
    console.log(`written to ${values.out}`);
  }
  return summary.flags.length ? 1 : 0;
}

/** A usage mistake (exit 2), shown by the command line as such. */
export class HuntUsage extends Error {}
