// `cassino compare --saved HIST_DIR WHATIF_DIR`: the paired comparison of two finished batches on
// disk (one of the historical plan, one with a what-if, same scenario and seeds), without playing
// anything. Their fingerprints must say one model made both (engine, scenario, parameter files,
// plan, Node), or pairing them would void the common random numbers; each runs.jsonl is read
// line by line into the comparison's columns.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Fingerprint } from '../core/batch-files.ts';
import { RunColumns } from './batch/columns.ts';
import { digestRuns } from './batch/digest.ts';
import { batchMeta } from './batch/figures.ts';
import { slotOf } from './batch/lines.ts';
import { type BatchManifest, readManifest, seedRange } from './batch/manifest.ts';
import { compareFromColumns, compareLayout } from './compare-pairs.ts';
import type { CompareResult } from './compare-result.ts';
import { displayPath, loadContext, readWhatIf } from './files.ts';
import { describePairingMismatch } from './provenance.ts';

export class SavedCompareError extends Error {}

function savedBatch(dir: string): { dir: string; shown: string; m: BatchManifest; provenance: Fingerprint } {
  const base = resolve(dir);
  const shown = displayPath(base);
  if (!existsSync(join(base, 'batch.json'))) throw new SavedCompareError(`${shown} holds no batch (no batch.json)`);
  const m = readManifest(join(base, 'batch.json'));
  if (!m.provenance) throw new SavedCompareError(`${shown} was written before batches recorded what made their runs (no fingerprint in batch.json); play it again`);
  return { dir: base, shown, m, provenance: m.provenance };
}

/** Reads the historical and the what-if batch and compares them seed by seed. */
export function compareSaved(histDir: string, whatIfDir: string): CompareResult {
  const h = savedBatch(histDir);
  const w = savedBatch(whatIfDir);
  if (h.m.whatIf) throw new SavedCompareError(`${h.shown} holds runs with what-if ${h.m.whatIf.id}; the first folder must be a batch of the historical plan`);
  if (!w.m.whatIf) throw new SavedCompareError(`${w.shown} holds runs of the historical plan; the second folder must be a what-if batch`);
  if (h.m.scenario.id !== w.m.scenario.id || h.m.scenario.version !== w.m.scenario.version) {
    throw new SavedCompareError(`${h.shown} holds scenario ${h.m.scenario.id} v${h.m.scenario.version}, ${w.shown} ${w.m.scenario.id} v${w.m.scenario.version}: compare batches of one scenario`);
  }
  const differs = describePairingMismatch(h.provenance, w.provenance);
  if (differs) throw new SavedCompareError(`${h.shown} and ${w.shown} were made by different models: ${differs} (pairing runs of two models voids the comparison)`);
  const file = resolve(w.m.scenario.file);
  const whatIf = readWhatIf(w.m.whatIf.file);
  const metaA = batchMeta(loadContext(file).scenario);
  const metaB = batchMeta(loadContext(file, { whatIf: resolve(w.m.whatIf.file) }).scenario);
  const layout = compareLayout(metaA, metaB);
  const seeds = w.m.seeds;
  const first = BigInt(seeds.first);
  const a = new RunColumns(seeds.count, layout);
  const b = new RunColumns(seeds.count, layout);
  digestRuns(join(h.dir, 'runs.jsonl'), h.m.seeds, (_slot, line) => { const s = slotOf(line.seed, first, seeds.count); if (s >= 0) a.add(s, line); });
  digestRuns(join(w.dir, 'runs.jsonl'), seeds, (slot, line) => b.add(slot, line));
  if (a.runs < seeds.count) throw new SavedCompareError(`${h.shown} lacks ${seeds.count - a.runs} of the seeds of ${w.shown} (first: ${first + BigInt(a.state.indexOf(0))}); play it with the same --seed and --runs`);
  return compareFromColumns(
    metaA, metaB, { id: whatIf.whatIf.id, name: whatIf.whatIf.name, file: whatIf.file, note: whatIf.whatIf.note, source: whatIf.whatIf.source },
    seedRange(seeds.first, seeds.count), a, b, { historical: h.provenance, whatIf: w.provenance },
  );
}
