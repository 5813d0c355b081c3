// The `cassino` command line. Exit codes: 0 success, 1 a check failed, 2 bad input or usage.
// Errors print as one sentence per problem; --debug adds stack traces.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataError } from '../core/data-error.ts';
import type { EngineContext } from '../core/context.ts';
import { summarise, type RunSummary } from '../core/report.ts';
import { checkReplayFits, continueReplay, parseReplay, recordReplay, verifyReplay } from '../core/replay-session.ts';
import { aiController } from '../core/controllers.ts';
import { runGame } from '../core/run.ts';
import { fullLog } from '../core/state-log.ts';
import { fromMinutes, turnStart } from '../core/time.ts';
import type { GameState } from '../core/types.ts';
import { BATCH_HELP, BATCH_SUMMARY, BATCH_USAGE } from './batch/command.ts';
import { isQueueBatch, WORKER_HELP, WORKER_SUMMARY, WORKER_USAGE } from './distributed/help.ts';
import { CALIBRATE_HELP, CALIBRATE_SUMMARY, CALIBRATE_USAGE } from './calibrate.ts';
import { ENGAGE_HELP, ENGAGE_SUMMARY, ENGAGE_USAGE } from './engage.ts';
import { HUNT_HELP, HUNT_SUMMARY, HUNT_USAGE } from './hunt-help.ts';
import { DEFAULT_SCENARIO, SCENARIO_DIR, WriteError, displayPath, listScenarios, loadContext, readData, readWhatIf, writeFileAtomic } from './files.ts';
import { replayScenarioFile } from './includes.ts';
import { fingerprintOf } from './provenance.ts';
import { otherModel } from './replay-model.ts';
import { VALIDATE_HELP, VALIDATE_SUMMARY, VALIDATE_USAGE, validateFile } from './validate.ts';
import type { ReplayFile } from '../core/replay.ts';

export class UsageError extends Error {}

interface Command {
  summary: string;
  usage: string;
  help: string;
  run(argv: string[]): Promise<number>;
}

const GLOBAL_HELP = `cassino — deterministic simulation of the four battles of Monte Cassino (1944)

Usage: cassino <command> [options]

Commands:
${'{commands}'}

Every command takes --help. Exit codes: 0 success, 1 a check failed, 2 bad input or usage.
Add --debug to any command to see stack traces.`;

const commands: Record<string, Command> = {
  run: {
    summary: 'play a scenario headlessly and print the result',
    usage: 'cassino run [scenario-id-or-path] [--seed N] [--turns K] [--whatif FILE] [--no-plan] [--json] [--save-replay FILE] [--from-replay FILE [--from-turn K]]',
    help: `Plays the scenario's historical plan (the AI fills in what the plan does not order) and
prints a turn-by-turn summary, the objectives and the losses.

Arguments:
  scenario-id-or-path   a scenario id from scenarios/ (${'{scenarios}'}) or a file path;
                        default: ${DEFAULT_SCENARIO}
Options:
  --seed N              random seed (default: the scenario's defaultSeed)
  --turns K             stop after K turns of 12 hours
  --whatif FILE         apply a what-if file (JSON or YAML; see scenarios/whatifs/) to the scenario
  --no-plan             no historical plan: the doctrine AI decides for both sides (scheduled
                        events such as arrivals still happen)
  --json                print one JSON object: scenario, seed, turns played, stateHash, outcome,
                        losses by side, formation and unit, and the per-turn, per-unit loss table
  --save-replay FILE    write a replay file (scenario, seed, action log, hash of every turn)
  --from-replay FILE    continue a saved game: its actions are re-applied and checked against its
                        turn hashes (a file that does not verify is refused), then the game goes
                        on to the end (or --turns, counted from the start) with the plan and AI;
                        the scenario and seed are the file's
  --from-turn K         with --from-replay: go on from the start of turn K of the file (0 = the
                        first), dropping its later turns; default: where the file ends`,
    run: runCommand,
  },
  replay: {
    summary: 'rerun a saved replay and check every turn\'s hash',
    usage: 'cassino replay FILE [--params FILE] [--json]',
    help: `Re-applies the action log of a replay file to its scenario and checks each turn's state hash
against the recorded one. Prints the same result as 'run'. Exit 1 if any hash differs.

Options:
  --params FILE         the model parameters the replay was recorded with, when they were not the
                        shipped ones (a replay of cassino hunt --params); without the same file
                        such a replay is refused, naming the file
  --json                print the result as JSON (as 'run --json')`,
    run: replayCommand,
  },
  validate: {
    summary: VALIDATE_SUMMARY,
    usage: VALIDATE_USAGE,
    help: VALIDATE_HELP,
    run: validateCommand,
  },
  batch: {
    summary: BATCH_SUMMARY,
    usage: BATCH_USAGE,
    help: BATCH_HELP,
    // A batch on a PostgreSQL queue (--queue, or collect/status/cancel ID) is planned and read by
    // engine/node/distributed, which writes its outputs with the batch's own writers.
    run: async (argv) => (isQueueBatch(argv) ? (await import('./distributed/command.ts')).queueBatchCommand(argv) : (await import('./batch/command.ts')).batchCommand(argv)),
  },
  worker: {
    summary: WORKER_SUMMARY,
    usage: WORKER_USAGE,
    help: WORKER_HELP,
    run: async (argv) => (await import('./distributed/command.ts')).workerCommand(argv),
  },
  calibrate: {
    summary: CALIBRATE_SUMMARY,
    usage: CALIBRATE_USAGE,
    help: CALIBRATE_HELP,
    run: async (argv) => (await import('./calibrate.ts')).calibrateCommand(argv),
  },
  compare: {
    summary: 'compare a what-if with the historical plan on the same seeds',
    usage: 'cassino compare <scenario> --whatif FILE [--runs N] [--seed S] [--workers W] [--json] [--out DIR]',
    help: 'See `cassino compare --help`.',
    run: async (argv) => (await import('./compare.ts')).compareCommand(argv),
  },
  hunt: {
    summary: HUNT_SUMMARY,
    usage: HUNT_USAGE,
    help: HUNT_HELP,
    run: async (argv) => {
      const { huntCommand, HuntUsage } = await import('./hunt.ts');
      try {
        return await huntCommand(argv);
      } catch (e) {
        throw e instanceof HuntUsage ? new UsageError(e.message) : e;
      }
    },
  },
  engage: {
    summary: ENGAGE_SUMMARY,
    usage: ENGAGE_USAGE,
    help: ENGAGE_HELP,
    run: async (argv) => (await import('./engage.ts')).engageCommand(argv),
  },
};

function commandList(): string {
  return Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n');
}

function helpOf(name: string): string {
  const c = commands[name];
  return `Usage: ${c.usage}\n\n${c.help.replace('{scenarios}', listScenarios().join(', '))}\n  --help                show this help\n  --debug               show stack traces on errors`;
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      console.log(GLOBAL_HELP.replace('{commands}', commandList()));
      return 0;
    }
    if (name === '--version') {
      console.log('cassino 0.1.0');
      return 0;
    }
    const cmd = commands[name];
    if (!cmd) throw new UsageError(`unknown command "${name}" (expected one of: ${Object.keys(commands).join(', ')})`);
    if (name !== 'compare' && (rest.includes('--help') || rest.includes('-h'))) {
      console.log(helpOf(name));
      return 0;
    }
    return await cmd.run(rest);
  } catch (e) {
    return reportError(e, debug, name);
  }
}

export function reportError(e: unknown, debug: boolean, command?: string): number {
  if (e instanceof DataError || e instanceof WriteError) {
    for (const line of e.message.split('\n')) console.error(`error: ${line}`);
    if (debug) console.error(e.stack);
    return 2;
  }
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`error: ${(e as Error).message}`);
    if (command && commands[command]) console.error(`usage: ${commands[command].usage}`);
    if (debug) console.error((e as Error).stack);
    return 2;
  }
  const err = e as Error;
  console.error(`error: ${err?.message ?? String(e)}${debug ? '' : ' (run with --debug for details)'}`);
  if (debug) console.error(err?.stack);
  return 2;
}

function intOption(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} expects a whole number of at least ${min}, not "${v}"`);
  return Number(v);
}

async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      seed: { type: 'string' }, turns: { type: 'string' }, 'no-plan': { type: 'boolean' }, json: { type: 'boolean' }, 'save-replay': { type: 'string' }, whatif: { type: 'string' },
      'from-replay': { type: 'string' }, 'from-turn': { type: 'string' },
    },
  });
  if (values['from-replay'] !== undefined) return continueCommand(values, positionals);
  if (values['from-turn'] !== undefined) throw new UsageError('--from-turn needs --from-replay FILE');
  if (positionals.length > 1) throw new UsageError(`expected one scenario, got ${positionals.length}: ${positionals.join(' ')}`);
  const turns = intOption(values.turns, 'turns', 1);
  if (values.whatif !== undefined && values['save-replay'] !== undefined) throw new UsageError('--save-replay cannot record a what-if yet (a replay names only its scenario); leave out one of them');
  const ctx = loadContext(positionals[0] ?? DEFAULT_SCENARIO, values.whatif !== undefined ? { whatIf: values.whatif } : {});
  const seed = values.seed ?? ctx.scenario.defaultSeed;
  const controllers = values['no-plan'] ? { allied: aiController(), german: aiController() } : undefined;
  const record = runGame(ctx, { seed, turns, controllers, recordActions: values['save-replay'] !== undefined });
  const summary = summarise(ctx, record.state, seed, record.objectives, record.finalHash, record.checks);
  if (values['save-replay']) {
    const fingerprint = await fingerprintOf({ scenario: ctx.scenario.file, ...(values['no-plan'] ? { noPlan: true } : {}) });
    const replay = recordReplay(ctx, record, { file: displayPath(ctx.scenario.file), turns, fingerprint });
    writeFileAtomic(values['save-replay'], JSON.stringify(replay) + '\n');
  }
  const whatIf = values.whatif !== undefined ? readWhatIf(values.whatif).whatIf : undefined;
  if (whatIf && !values.json) console.log(`what-if: ${whatIf.name} (${values.whatif})`);
  const shown: RunSummary & { whatIf?: { id: string; name: string } } = whatIf ? { ...summary, whatIf: { id: whatIf.id, name: whatIf.name } } : summary;
  print(ctx, record.state, shown, values.json ?? false);
  if (values['save-replay'] && !values.json) console.log(`replay saved to ${values['save-replay']}`);
  return 0;
}

/** A replay file read, checked against the replay format, with the scenario it was recorded on. */
function readReplay(path: string, params?: string): { file: string; rp: ReplayFile; ctx: EngineContext } {
  const file = displayPath(path);
  const rp = parseReplay(readData(path), file);
  const ctx = loadContext(replayScenarioFile(path, file, rp.scenario.file ?? '', SCENARIO_DIR) ?? rp.scenario.id, params !== undefined ? { params } : {});
  checkReplayFits(ctx, rp, file, displayPath(ctx.scenario.file));
  return { file, rp, ctx };
}

/** `run --from-replay FILE`: the saved game re-applied and checked, then played on by the plan and AI. */
async function continueCommand(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number> {
  for (const [flag, v] of [['a scenario', positionals.length ? positionals[0] : undefined], ['--seed', values.seed], ['--whatif', values.whatif]] as const) {
    if (v !== undefined) throw new UsageError(`--from-replay takes the scenario and seed from the file; leave out ${flag}`);
  }
  const { file, rp, ctx } = readReplay(values['from-replay'] as string);
  const fromTurn = intOption(values['from-turn'] as string | undefined, 'from-turn', 0);
  const turns = intOption(values.turns as string | undefined, 'turns', 1);
  const seats = values['no-plan'] ? { allied: aiController(), german: aiController() } : undefined;
  const go = continueReplay(ctx, rp, file, { fromTurn, turns, seats });
  if (!go.session) {
    console.error(`error: ${go.message}`);
    return 1;
  }
  if (!values.json) console.log(go.message);
  go.session.advance();
  const record = go.session.record();
  const summary = summarise(ctx, record.state, rp.seed, record.objectives, record.finalHash, record.checks);
  const out = values['save-replay'] as string | undefined;
  if (out) {
    const fingerprint = await fingerprintOf({ scenario: ctx.scenario.file, ...(values['no-plan'] ? { noPlan: true } : {}) });
    writeFileAtomic(out, JSON.stringify(recordReplay(ctx, record, { file: displayPath(ctx.scenario.file), turns, fingerprint })) + '\n');
  }
  print(ctx, record.state, summary, (values.json as boolean | undefined) ?? false);
  if (out && !values.json) console.log(`replay saved to ${out}`);
  return 0;
}

async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { json: { type: 'boolean' }, params: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('expected one replay file');
  const params = values.params !== undefined ? resolve(values.params) : undefined;
  const { file, rp, ctx } = readReplay(positionals[0], params);
  const other = await otherModel(rp, ctx.scenario.file, file, params);
  const verdict = verifyReplay(ctx, rp, file);
  if (!verdict.ok) {
    console.error(`error: ${verdict.message}${other ? `; it was ${other}` : ''}`);
    return 1;
  }
  if (other && !values.json) console.log(`${file}: recorded by another build: ${other}`);
  const { check } = verdict;
  const summary = summarise(ctx, check.state, rp.seed, check.objectives, check.finalHash, check.checks);
  print(ctx, check.state, summary, values.json ?? false);
  if (!values.json) console.log(verdict.message);
  return 0;
}

/** Every file is checked, so one run lists the problems of all of them; exit 2 if any has one. */
async function validateCommand(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {} });
  if (positionals.length === 0) throw new UsageError('expected at least one file to validate');
  let code = 0;
  for (const file of positionals) {
    try {
      console.log(await validateFile(file));
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      code = reportError(e, false, 'validate');
    }
  }
  return code;
}

// --- printing -------------------------------------------------------------------------------

function print(ctx: EngineContext, state: GameState, summary: RunSummary, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(summary));
    return;
  }
  const sc = ctx.scenario;
  const out: string[] = [];
  out.push(`${sc.name}`);
  out.push(`scenario ${sc.id} v${sc.version}, seed ${summary.seed}, ${summary.turnsPlayed} of ${sc.turns} turns, ${summary.from} to ${summary.to}`);
  out.push('');
  out.push('turn  start              weather                        attacks  allied lost  german lost  notes');
  const log = fullLog(state);
  for (let t = 0; t < summary.turnsPlayed; t++) {
    const events = log.filter((e) => e.turn === t);
    const weather = events.find((e) => e.kind === 'weather')?.text.split(',').slice(0, 2).join(',') ?? '';
    const combats = events.filter((e) => e.kind === 'combat');
    let lostA = 0;
    let lostG = 0;
    for (const e of events) for (const [id, n] of Object.entries(e.losses ?? {})) {
      if (sc.unitById[id].side === 'allied') lostA += n; else lostG += n;
    }
    const won = combats.filter((e) => e.data?.won).length;
    const notes: string[] = [];
    if (combats.length) notes.push(`${won} of ${combats.length} attacks gained ground`);
    for (const e of events) if (['airStrike', 'arrive', 'withdraw', 'release', 'flag', 'bridge', 'relief'].includes(e.kind)) notes.push(e.text);
    out.push(`${String(t).padStart(4)}  ${fromMinutes(turnStart(sc.start, t)).replace('T', ' ')}  ${weather.padEnd(29)}  ${String(combats.length).padStart(7)}  ${String(lostA).padStart(11)}  ${String(lostG).padStart(11)}  ${notes.join('; ')}`);
  }
  out.push('');
  out.push(`Objectives at ${summary.to.replace('T', ' ')}:`);
  for (const o of summary.outcome.objectives) {
    const ch = o.changes.map((c) => `${c.holder} from ${c.at.replace('T', ' ')}`).join(', ');
    out.push(`  ${o.name.padEnd(36)} ${o.holder}${ch ? `  (${ch})` : ''}`);
  }
  const documented = sc.documented?.outcomes ?? [];
  if (documented.length) {
    out.push('');
    out.push('Documented outcomes (did this run reproduce them?):');
    for (const o of documented) out.push(`  ${summary.outcome.checks[o.id] ? 'yes' : 'no '}  ${o.id.padEnd(26)} ${o.holds}`);
  }
  out.push('');
  out.push(`Losses (killed, wounded, missing): allied ${summary.losses.bySide.allied}, german ${summary.losses.bySide.german}`);
  const divisions = summary.losses.byFormation.filter((f) => f.men > 0 && (f.level === 'division' || f.level === 'corps'));
  for (const f of divisions) out.push(`  ${f.name.padEnd(44)} ${String(f.men).padStart(6)}`);
  out.push('');
  out.push(`state hash ${summary.stateHash}`);
  console.log(out.join('\n'));
}
