#!/usr/bin/env node
// Entry point of the `cassino` command: registers tsx so the TypeScript sources run as they are.
//
// Commands that play many games on worker threads re-run node with --single-threaded-gc: on a
// 2-core machine V8's parallel garbage-collection threads take the core a second worker needs
// (measured: 1.68× with two workers by default, 1.96× with the flag). The flag is process-wide: it
// cannot be given to a worker thread nor put in NODE_OPTIONS.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MANY_GAMES = new Set(['batch', 'calibrate', 'compare', 'worker']);
const args = process.argv.slice(2);
const GC_FLAG = '--single-threaded-gc';

if (MANY_GAMES.has(args[0]) && !args.includes('--help') && !process.execArgv.includes(GC_FLAG)) {
  // The child has its own process group, so that each Ctrl-C reaches it once, through here
  // (the first stops the batch and keeps finished runs, a second quits at once).
  const child = spawn(process.execPath, [GC_FLAG, ...process.execArgv, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit', detached: true });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => { child.kill(signal); });
  child.on('error', (e) => { console.error(`cassino: could not start node: ${e.message}`); process.exitCode = 1; });
  child.on('exit', (code, signal) => { process.exitCode = code ?? (signal === 'SIGINT' ? 130 : 1); });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../engine/node/cli.ts');
  process.exitCode = await main(process.argv.slice(2));
}
