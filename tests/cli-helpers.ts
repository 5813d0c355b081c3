// Runs the command line in-process (fast) or as a real subprocess (as a user would).
import { spawnSync } from 'node:child_process';
import { vi } from 'vitest';
import { main } from '../engine/node/cli.ts';

export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

export function cliProcess(args: string[], cwd = process.cwd()): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [new URL('../bin/cassino.mjs', import.meta.url).pathname, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/**
 * The command line in a child process with a kill timer and a heap cap, for inputs that could
 * hang or eat memory: `killed` says the timer had to end it (a hang), never how long it took.
 */
export function cliBounded(args: string[], opts: { killAfterMs?: number; heapMiB?: number } = {}): { code: number; out: string; err: string; killed: boolean } {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${opts.heapMiB ?? 512}`, new URL('../bin/cassino.mjs', import.meta.url).pathname, ...args], {
    encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, timeout: opts.killAfterMs ?? 300_000, killSignal: 'SIGKILL',
  });
  return { code: r.status ?? -1, out: r.stdout ?? '', err: r.stderr ?? '', killed: r.signal === 'SIGKILL' };
}
