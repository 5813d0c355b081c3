// Browser measurements recorded in BENCHMARKS.md, each in a section of its own, only when asked
// (CASSINO_WRITE_BENCHMARKS=1): a plain test run changes no tracked file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../engine/node/files.ts';

/** Replaces (or adds, last) the section `## title` of BENCHMARKS.md with `text`. */
export function writeBenchmarkSection(title: string, text: string): void {
  if (process.env.CASSINO_WRITE_BENCHMARKS !== '1') return;
  const file = join(ROOT, 'BENCHMARKS.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const parts = old.split(/^## /m);
  const head = parts[0];
  const rest = parts.slice(1).filter((s) => !s.startsWith(title)).map((s) => `## ${s}`);
  const body = [...rest.map((s) => s.replace(/\n*$/, '\n')), `## ${title}\n\n${text}`].join('\n');
  writeFileSync(file, `${head.replace(/\n*$/, '\n\n')}${body}`);
}
