// The figures of a batch's runs as columns of typed arrays, one slot per seed (slot = seed - first
// seed), filled line by line as runs.jsonl is read: what summary.json's exact type-7 percentiles,
// report.html's histograms and the paired comparison need, without keeping the lines. Memory:
// 8 bytes a run for each figure, for the turns played and for each side's losses in each turn,
// and 1 byte a run for each objective and documented outcome.
import type { BatchLine, FigureDef } from '../../core/batch-files.ts';
import { isErrorLine } from '../../core/batch-files.ts';
import { SIDES, type Side } from '../../core/types.ts';
import { figureValue } from './figures.ts';

export const HOLDER_CODES = ['allied', 'german', 'none'] as const;
const NOT_PLAYED = NaN;

export interface ColumnLayout {
  figures: FigureDef[];
  objectives: string[];
  checks: string[];
}

export class RunColumns {
  /** 1: a successful run in this slot; 2: a failed one; 0: none. */
  readonly state: Uint8Array;
  readonly figures: Map<string, Float64Array>;
  /** Per objective, who holds it at the end (index into HOLDER_CODES). */
  readonly holders: Map<string, Uint8Array>;
  readonly checks: Map<string, Uint8Array>;
  readonly turns: Float64Array;
  /** Per side, per turn: the men lost in that turn by run (NaN: the run did not play it). */
  readonly perTurn: Record<Side, Float64Array[]> = { allied: [], german: [] };
  readonly failedSeeds: string[] = [];
  runs = 0;
  ok = 0;

  constructor(readonly n: number, readonly layout: ColumnLayout) {
    this.state = new Uint8Array(n);
    this.figures = new Map(layout.figures.map((f) => [f.key, new Float64Array(n)]));
    this.holders = new Map(layout.objectives.map((o) => [o, new Uint8Array(n)]));
    this.checks = new Map(layout.checks.map((c) => [c, new Uint8Array(n)]));
    this.turns = new Float64Array(n).fill(NOT_PLAYED);
  }

  add(slot: number, line: BatchLine): void {
    this.runs++;
    if (isErrorLine(line)) {
      this.state[slot] = 2;
      this.failedSeeds.push(line.seed);
      return;
    }
    this.state[slot] = 1;
    this.ok++;
    for (const f of this.layout.figures) this.figures.get(f.key)![slot] = figureValue(line, f);
    for (const [id, col] of this.holders) col[slot] = HOLDER_CODES.indexOf(line.outcome[id]?.holder ?? 'none');
    for (const [id, col] of this.checks) col[slot] = line.checks?.[id] === true ? 1 : 0;
    this.turns[slot] = line.turns;
    for (const side of SIDES) {
      const cols = this.perTurn[side];
      for (let t = 0; t < line.turns; t++) {
        cols[t] ??= new Float64Array(this.n).fill(NOT_PLAYED);
        cols[t][slot] = line.perTurn[side][t] ?? 0;
      }
    }
  }

  /** The values of a column at the successful runs, in seed order. */
  okValues(col: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.ok);
    let k = 0;
    for (let i = 0; i < this.n; i++) if (this.state[i] === 1) out[k++] = col[i];
    return out;
  }

  /** The values of a per-turn column at the successful runs that played the turn. */
  playedValues(col: Float64Array | undefined): Float64Array {
    if (!col) return new Float64Array(0);
    const out: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.state[i] === 1 && !Number.isNaN(col[i])) out.push(col[i]);
    return Float64Array.from(out);
  }
}
