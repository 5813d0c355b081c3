// Errors in input data (scenarios, maps, what-ifs, parameters). Each issue names the file, the
// path inside it and what was expected, so a user can fix the file without reading code.

export interface DataIssue {
  /** The file the issue is in, when not the file the error is about (an included file). */
  file?: string;
  /** Path inside the file, e.g. "units[12].men" ("" for the whole document). */
  path: string;
  /** What was expected, or what is wrong, as one sentence fragment. */
  message: string;
}

export class DataError extends Error {
  readonly file: string;
  readonly issues: DataIssue[];

  constructor(file: string, issues: DataIssue[]) {
    super(formatIssues(file, issues));
    this.name = 'DataError';
    this.file = file;
    this.issues = issues;
  }
}

export function formatIssue(file: string, issue: DataIssue): string {
  return `${issue.file ?? file}${issue.path ? `: ${issue.path}` : ''}: ${issue.message}`;
}

/** Most lines one error prints: one mistake (a wrong map id, a shifted window) must not print 40. */
export const MAX_ISSUE_LINES = 8;
/** Other paths named after a folded issue ("and 39 more like it: units[1].at, units[2].at, …"). */
const FOLDED_PATHS_SHOWN = 3;

/** An issue's kind: its file and message with quoted names, numbers and dates left out. */
function issueKind(file: string, i: DataIssue): string {
  return `${i.file ?? file}\u0000${i.message.replace(/"[^"]*"/g, '"…"').replace(/[\d.:T-]*\d[\d.:T-]*/g, '#')}`;
}

/**
 * The issues as printed, one line each, in their order, but: only the first cause at each path
 * (the rest counted), issues of one kind at other paths folded into the first with their count and
 * a few of their paths, and never more than MAX_ISSUE_LINES lines. `issues` keeps them all.
 */
export function formatIssues(file: string, issues: DataIssue[]): string {
  const groups = new Map<string, { first: DataIssue; paths: string[]; samePath: number }>();
  const seenPath = new Map<string, string>();
  for (const i of issues) {
    const where = `${i.file ?? file}\u0000${i.path}`;
    const kindOfPath = seenPath.get(where);
    if (kindOfPath !== undefined) { groups.get(kindOfPath)!.samePath++; continue; }
    const kind = issueKind(file, i);
    seenPath.set(where, kind);
    const g = groups.get(kind);
    if (g) g.paths.push(i.path); else groups.set(kind, { first: i, paths: [], samePath: 0 });
  }
  const lines = [...groups.values()].map(({ first, paths, samePath }) => {
    const shown = paths.slice(0, FOLDED_PATHS_SHOWN).join(', ') + (paths.length > FOLDED_PATHS_SHOWN ? ', …' : '');
    const like = paths.length ? ` (and ${paths.length} more like it: ${shown})` : '';
    const more = samePath ? ` (${samePath} more problem${samePath > 1 ? 's' : ''} at this path)` : '';
    return formatIssue(file, first) + like + more;
  });
  if (lines.length <= MAX_ISSUE_LINES) return lines.join('\n');
  const rest = lines.length - (MAX_ISSUE_LINES - 1);
  return [...lines.slice(0, MAX_ISSUE_LINES - 1), `${file}: and ${rest} more problems of other kinds (fix these first)`].join('\n');
}

/** Converts a zod-style path (array of keys and indices) to "a.b[3].c". */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

interface ZodLikeIssue { path: ReadonlyArray<PropertyKey>; message: string }

/** Turns zod issues into DataIssues (optionally in an included file, under a path prefix). */
export function zodIssues(issues: ReadonlyArray<ZodLikeIssue>, file?: string): DataIssue[] {
  return issues.map((i) => ({ ...(file ? { file } : {}), path: formatPath(i.path), message: i.message }));
}
