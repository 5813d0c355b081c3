// Which files a scenario (or a replay) may make the program read. A scenario someone sent you
// names its includes, and a replay names its scenario: both are confined to folders the file's
// author could have meant, so that no input can make the program read, or quote, any other file.
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, win32 } from 'node:path';
import { DataError } from '../core/data-error.ts';

const INCLUDE_RULE = "an include must be a file in the scenario's own folder or below it";

/** Whether `p` is `root` or inside it (both real paths). */
function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Whether the existing file `p`, symbolic links followed, lies in the folder `root` or below it. */
export function realWithin(root: string, p: string): boolean {
  return inside(realpathSync(root), realpathSync(p));
}

/**
 * The path of the include `rel` of `scenarioFile`, once it is known to be confined: an include that
 * is empty, absolute, or leads out of the scenario's folder (by `..` or a symbolic link) is a
 * DataError on the scenario (`shown`) naming the include. A path with no file behind it is returned
 * as it is (the scenario check reports it as not found); size, depth and file-type limits are the
 * reader's (input-limits.ts).
 */
export function confineInclude(scenarioFile: string, shown: string, rel: string): string {
  const root = dirname(resolve(scenarioFile));
  const refuse = (message: string): never => { throw new DataError(shown, [{ path: 'include', message }]); };
  if (rel.trim() === '') refuse(`an include path is empty (${INCLUDE_RULE})`);
  if (isAbsolute(rel) || win32.isAbsolute(rel)) refuse(`the include "${rel}" is an absolute path (${INCLUDE_RULE})`);
  const p = resolve(root, rel);
  if (!inside(root, p)) refuse(`the include "${rel}" leads out of the scenario's folder (${INCLUDE_RULE})`);
  if (existsSync(p) && !realWithin(root, p)) refuse(`the include "${rel}" is a link to a file outside the scenario's folder (${INCLUDE_RULE})`);
  return p;
}

/**
 * For one load of a scenario: refuses a file included a second time (under the same name or
 * another), which would otherwise surface as every unit and formation of it "defined twice".
 */
export function onceEach(shown: string): (path: string, rel: string) => void {
  const seen = new Map<string, string>();
  return (path, rel) => {
    if (!existsSync(path)) return;
    const real = realpathSync(path);
    const before = seen.get(real);
    if (before === undefined) { seen.set(real, rel); return; }
    const message = before === rel ? `the include "${rel}" is named twice (a file may be included once)` : `the includes "${before}" and "${rel}" are the same file (a file may be included once)`;
    throw new DataError(shown, [{ path: 'include', message }]);
  };
}

export const REPLAY_SCENARIO_RULE = "a replay may only name a scenario under the project's scenarios/ folder or under the replay's own folder";

/**
 * The scenario file a replay's `scenario.file` names, or undefined when there is no such file
 * (then the replay's scenario id is used). The path is taken as written (relative to the working
 * directory, as `run --save-replay` records it), else beside the replay; the file found must be
 * under `scenarioDir` or the replay's folder, else a DataError on the replay.
 */
export function replayScenarioFile(replayFile: string, shownReplay: string, named: string, scenarioDir: string): string | undefined {
  if (named.trim() === '') return undefined;
  const replayDir = dirname(resolve(replayFile));
  const candidates = [resolve(named), join(replayDir, basename(named))];
  const found = candidates.find((c) => existsSync(c));
  if (found === undefined) return undefined;
  const real = realpathSync(found);
  const allowed = [scenarioDir, replayDir].filter((d) => existsSync(d)).map((d) => realpathSync(d));
  if (!allowed.some((d) => inside(d, real))) {
    throw new DataError(shownReplay, [{ path: 'scenario.file', message: `"${named}" is outside the folders a replay may take its scenario from (${REPLAY_SCENARIO_RULE})` }]);
  }
  return found;
}
