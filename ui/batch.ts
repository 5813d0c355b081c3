// Reading a batch summary (summary.json). Batch runs do not exist yet, so the panel accepts:
//   1. a list of runs: an array of run results as printed by `cassino run --json` (or any
//      objects), or an object with such an array under "runs";
//   2. any other JSON: every array of numbers in it is shown as a distribution.
// From runs, every numeric field (keyed by path; list entries with an "id" are keyed by it, e.g.
// losses.byFormation[us-36th-div].men) becomes a histogram over the runs, and every text field
// with few distinct values (e.g. outcome.objectives[abbey].holder) a count per value.
export interface BatchView {
  kind: 'runs' | 'arrays';
  runs: number;
  numeric: Array<{ path: string; values: number[] }>;
  categorical: Array<{ path: string; counts: Map<string, number> }>;
  constant: Array<{ path: string; value: string }>;
}

const SKIP = new Set(['lossTable', 'log', 'actions', 'turnHashes']);

function flatten(v: unknown, path: string, num: Map<string, number[]>, str: Map<string, string[]>): void {
  if (typeof v === 'number' && Number.isFinite(v)) { (num.get(path) ?? num.set(path, []).get(path)!).push(v); return; }
  if (typeof v === 'string' || typeof v === 'boolean') { (str.get(path) ?? str.set(path, []).get(path)!).push(String(v)); return; }
  if (Array.isArray(v)) {
    if (v.length > 500) return;
    v.forEach((x, i) => {
      const id = x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string' ? (x as { id: string }).id : null;
      if (id === null && typeof x === 'object') return; // rows without ids cannot be matched across runs
      flatten(x, `${path}[${id ?? i}]`, num, str);
    });
    return;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (SKIP.has(k) || k === 'id') continue;
      flatten(x, path ? `${path}.${k}` : k, num, str);
    }
  }
}

function findArrays(v: unknown, path: string, out: Array<{ path: string; values: number[] }>): void {
  if (Array.isArray(v)) {
    if (v.length > 1 && v.every((x) => typeof x === 'number' && Number.isFinite(x))) { out.push({ path: path || '(root)', values: v as number[] }); return; }
    v.forEach((x, i) => findArrays(x, `${path}[${i}]`, out));
    return;
  }
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) findArrays(x, path ? `${path}.${k}` : k, out);
}

export function readBatch(json: unknown): BatchView {
  const runs = Array.isArray(json) && json.every((x) => x && typeof x === 'object' && !Array.isArray(x)) ? json
    : json && typeof json === 'object' && Array.isArray((json as { runs?: unknown }).runs) ? (json as { runs: unknown[] }).runs : null;
  if (runs && runs.length) {
    const num = new Map<string, number[]>();
    const str = new Map<string, string[]>();
    for (const r of runs) flatten(r, '', num, str);
    const numeric: BatchView['numeric'] = [];
    const constant: BatchView['constant'] = [];
    for (const [path, values] of num) {
      if (values.every((x) => x === values[0])) constant.push({ path, value: String(values[0]) });
      else numeric.push({ path, values });
    }
    const categorical: BatchView['categorical'] = [];
    for (const [path, values] of str) {
      const counts = new Map<string, number>();
      for (const x of values) counts.set(x, (counts.get(x) ?? 0) + 1);
      if (counts.size === 1) constant.push({ path, value: values[0] });
      else if (counts.size <= 8) categorical.push({ path, counts });
    }
    return { kind: 'runs', runs: runs.length, numeric, categorical, constant };
  }
  const arrays: Array<{ path: string; values: number[] }> = [];
  findArrays(json, '', arrays);
  return { kind: 'arrays', runs: 0, numeric: arrays, categorical: [], constant: [] };
}
