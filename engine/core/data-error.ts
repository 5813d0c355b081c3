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

export function formatIssues(file: string, issues: DataIssue[]): string {
  return issues.map((i) => formatIssue(file, i)).join('\n');
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
