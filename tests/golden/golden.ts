// Golden runs: what a user sees of a run (the per-turn and final state hashes, the loss table,
// losses by side, formation and unit, who holds each objective and since when, the documented
// outcome checks, and the action log's size and digest), pinned in committed files. Work that
// must not change behaviour (layout, speed) keeps them byte-identical; work that changes rules
// or the model re-pins them on purpose, in its own commit (`npm run golden:write`).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { aiController } from '../../engine/core/controllers.ts';
import { summarise } from '../../engine/core/report.ts';
import { REPLAY_FORMAT, type ReplayFile } from '../../engine/core/replay.ts';
import { runGame } from '../../engine/core/run.ts';
import { displayPath, loadContext } from '../../engine/node/files.ts';

export interface GoldenSpec {
  /** File name (without .json) under tests/golden/runs/. */
  name: string;
  scenario: string;
  seed: string;
  plan: boolean;
  /** A what-if file, relative to the repository root. */
  whatIf?: string;
  /** Also pin the whole replay file (action log and hashes) of this run. */
  replay?: boolean;
}

const battles = ['battle-1', 'battle-2', 'battle-3', 'battle-4'];
const whatIfs: Array<[string, string]> = [
  ['scenarios/whatifs/x-corps-reserve.json', 'battle-1'],
  ['scenarios/whatifs/no-abbey-bombing.json', 'battle-2'],
  ['scenarios/whatifs/juin-reserve.yaml', ''],
];

export const GOLDEN_SPECS: GoldenSpec[] = [
  { name: 'test-skirmish.s1', scenario: 'test-skirmish', seed: '1', plan: true, replay: true },
  { name: 'test-skirmish.s2', scenario: 'test-skirmish', seed: '2', plan: true },
  { name: 'test-skirmish.s1.no-plan', scenario: 'test-skirmish', seed: '1', plan: false },
  ...battles.flatMap((b): GoldenSpec[] => [
    { name: `${b}.s1`, scenario: b, seed: '1', plan: true, replay: b === 'battle-2' },
    { name: `${b}.s2`, scenario: b, seed: '2', plan: true },
    { name: `${b}.s1.no-plan`, scenario: b, seed: '1', plan: false },
  ]),
  { name: 'campaign.s1', scenario: 'campaign', seed: '1', plan: true },
  ...whatIfs.flatMap(([file]): GoldenSpec[] => {
    const id = file.replace(/^.*\//, '').replace(/\.(json|ya?ml)$/, '');
    return ['1', '2'].map((seed) => ({ name: `whatif.${id}.s${seed}`, scenario: '', seed, plan: true, whatIf: file }));
  }),
];

const root = fileURLToPath(new URL('../../', import.meta.url));
export const goldenDir = fileURLToPath(new URL('./runs/', import.meta.url));

/** The scenario a what-if is written for (its `scenario.id`). */
function whatIfScenario(file: string): string {
  const text = readFileSync(root + file, 'utf8');
  const m = /"?scenario"?\s*:\s*\{?\s*\n?\s*"?id"?\s*:\s*"?([\w-]+)"?/.exec(text);
  if (!m) throw new Error(`${file}: no scenario id`);
  return m[1];
}

export interface GoldenRecord {
  spec: Omit<GoldenSpec, 'name' | 'replay'>;
  stateHash: string;
  turnHashes: string[];
  actions: { count: number; digest: string; refused: number };
  outcome: unknown;
  losses: unknown;
  /** Losses per unit and turn: [unit, turn, men]. */
  lossTable: Array<[string, number, number]>;
}

export function playGolden(spec: GoldenSpec): { record: GoldenRecord; replay?: ReplayFile } {
  const scenario = spec.whatIf ? whatIfScenario(spec.whatIf) : spec.scenario;
  const ctx = loadContext(scenario, spec.whatIf ? { whatIf: root + spec.whatIf } : {});
  const controllers = spec.plan ? undefined : { allied: aiController(), german: aiController() };
  const run = runGame(ctx, { seed: spec.seed, controllers, recordActions: true });
  const summary = summarise(ctx, run.state, spec.seed, run.objectives, run.finalHash, run.checks);
  const digest = createHash('sha256').update(JSON.stringify(run.actions)).digest('hex').slice(0, 32);
  const record: GoldenRecord = {
    spec: { scenario, seed: spec.seed, plan: spec.plan, ...(spec.whatIf ? { whatIf: spec.whatIf } : {}) },
    stateHash: summary.stateHash,
    turnHashes: run.state.turnHashes,
    actions: { count: run.actions.length, digest, refused: run.rejected.length },
    outcome: summary.outcome,
    losses: summary.losses,
    lossTable: summary.lossTable.map((r) => [r.unit, r.turn, r.men]),
  };
  const replay: ReplayFile | undefined = spec.replay ? {
    format: REPLAY_FORMAT, version: 1,
    scenario: { id: ctx.scenario.id, version: ctx.scenario.version, file: displayPath(ctx.scenario.file) },
    map: { id: ctx.map.data.id, version: ctx.map.data.version },
    seed: spec.seed,
    actions: run.actions as ReplayFile['actions'],
    turnHashes: run.state.turnHashes,
    finalHash: run.finalHash,
  } : undefined;
  return { record, replay };
}

/** The committed text of a golden record: one line per top-level field, so a diff shows what moved. */
export function goldenText(r: GoldenRecord): string {
  const lines = Object.entries(r).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}
