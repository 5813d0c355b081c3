// `cassino validate`: checks scenario, what-if and replay files, each by the path that uses it
// (loadContext for a scenario, loadContext with the what-if for a what-if, the checks `cassino
// replay` makes before playing for a replay), so a file that validates is one those commands take.
import { DataError } from '../core/data-error.ts';
import type { EngineContext } from '../core/context.ts';
import { checkReplayFits, parseReplay } from '../core/replay-session.ts';
import { REPLAY_FORMAT } from '../core/replay.ts';
import { fromMinutes } from '../core/time.ts';
import { whatIfOf } from '../core/load-context.ts';
import { SCENARIO_DIR, displayPath, listScenarios, loadContext, readData, scenarioPath } from './files.ts';
import { replayScenarioFile } from './includes.ts';
import { otherModel } from './replay-model.ts';

export const VALIDATE_SUMMARY = 'check scenario, what-if and replay files and print every error';
export const VALIDATE_USAGE = 'cassino validate FILE [FILE...]';
export const VALIDATE_HELP = `Checks each file by its kind, told from its content:
  scenario (has "map")       the scenario format and the map: schema, unknown unit and formation
                             ids, hexes off the map, dates outside the window, units in two places,
                             enemy units sharing a hex
  what-if (has "changes")    the what-if format, then applied to the scenario it names (by id, from
                             scenarios/) as 'run --whatif' applies it: every change resolves, its ids
                             exist, its hexes are on the map, the changed scenario is valid
  replay ("format": "${REPLAY_FORMAT}")
                             the replay format and every action's fields, its scenario and map
                             (id and version), hexes on the map, the fingerprint when it has one;
                             the replay is not played ('cassino replay FILE' plays it)

A scenario may also be given by id. Prints every problem with the file, the path inside it and what
was expected, or one line per valid file. Exit 0 when all are valid, 2 when one is not.`;

type Kind = 'scenario' | 'what-if' | 'replay';

const NONE_OF_THEM = `expected a scenario (with "map", the id of its map), a what-if (with "scenario" and "changes") or a replay (with "format": "${REPLAY_FORMAT}")`;

/** The kind of file `raw` is meant to be, or a DataError saying what was expected. */
export function kindOf(raw: unknown, shown: string): Kind {
  const o = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw as Record<string, unknown> : undefined;
  if (o?.format === REPLAY_FORMAT || (o && 'actions' in o && 'turnHashes' in o)) return 'replay';
  if (o && 'changes' in o) return 'what-if';
  if (o && 'map' in o) return 'scenario';
  if (o && 'scenario' in o) return 'what-if';
  const format = typeof o?.format === 'string' ? ` ("format" is "${o.format}")` : '';
  throw new DataError(shown, [{ path: '', message: `${NONE_OF_THEM}${format}` }]);
}

/** Checks one file (a path, or a scenario id) fully; the one-line summary of a valid file, or a DataError naming every problem found. */
export async function validateFile(arg: string): Promise<string> {
  const path = scenarioPath(arg);
  const shown = displayPath(path);
  const raw = readData(path);
  switch (kindOf(raw, shown)) {
    case 'replay': return validateReplay(path, shown, raw);
    case 'what-if': return validateWhatIf(path, shown, raw);
    default: return scenarioSummary(loadContext(path));
  }
}

function scenarioSummary(ctx: EngineContext): string {
  const s = ctx.scenario;
  return `${displayPath(s.file)}: valid scenario ${s.id} v${s.version} — ${s.units.length} units, ${s.formations.length} formations, ${s.turns} turns (${fromMinutes(s.start)} to ${fromMinutes(s.end)}), ${s.schedule.length} scheduled orders and events, map ${ctx.map.data.id} (${ctx.map.size} hexes)`;
}

/** The scenario file a what-if or replay names by id; a missing one is a problem of the naming file. */
function namedScenario(id: string, file: string, at: string): string {
  try {
    return scenarioPath(id);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    throw new DataError(file, [{ path: at, message: `no scenario "${id}" in ${displayPath(SCENARIO_DIR)} (expected one of: ${listScenarios().join(', ')})` }]);
  }
}

function validateWhatIf(path: string, shown: string, raw: unknown): string {
  const { whatIf: w } = whatIfOf(raw, shown);
  const ctx = loadContext(namedScenario(w.scenario.id, shown, 'scenario.id'), { whatIf: path });
  const n = w.changes.length;
  return `${shown}: valid what-if ${w.id} for ${w.scenario.id} v${w.scenario.version} — ${n} change${n === 1 ? '' : 's'}, applied to ${displayPath(ctx.scenario.file)}`;
}

async function validateReplay(path: string, shown: string, raw: unknown): Promise<string> {
  const rp = parseReplay(raw, shown);
  const named = replayScenarioFile(path, shown, rp.scenario.file ?? '', SCENARIO_DIR);
  const ctx = loadContext(named ?? namedScenario(rp.scenario.id, shown, 'scenario.id'));
  const scenarioShown = displayPath(ctx.scenario.file);
  checkReplayFits(ctx, rp, shown, scenarioShown);
  const other = await otherModel(rp, ctx.scenario.file, shown);
  const recorded = rp.fingerprint ? (other ? `; recorded by another build: ${other}` : '; recorded by this model') : '';
  const turns = rp.turnHashes.length;
  return `${shown}: valid replay of ${rp.scenario.id} v${rp.scenario.version} (${scenarioShown}, map ${rp.map.id} v${rp.map.version}), seed ${rp.seed} — ${rp.actions.length} actions over ${turns} turn${turns === 1 ? '' : 's'}${recorded}; not played: 'cassino replay ${shown}' plays it and checks every turn's hash`;
}
