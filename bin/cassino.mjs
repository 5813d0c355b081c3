#!/usr/bin/env node
// Entry point of the `cassino` command: registers tsx so the TypeScript sources run as they are.
//
// Commands that play many games on worker threads re-run node with --single-threaded-gc: on a
// 2-core machine V8's parallel garbage-collection threads take the core a second worker needs
// (measured: 1.68× with two workers by default, 1.96× with the flag). The flag is process-wide: it
// cannot be given to a worker thread nor put in NODE_OPTIONS.
//
// The launcher takes its child down with it: it forwards SIGINT, SIGTERM and SIGHUP, and the child
// stops by itself when the launcher is gone (killed with SIGKILL, which cannot be forwarded): the
// IPC channel between them closes, and as a second watch the child's parent pid changes. A batch
// left running detached would keep writing a folder a --resume may already be writing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MANY_GAMES = new Set(['batch', 'calibrate', 'compare', 'worker']);
const args = process.argv.slice(2);
const GC_FLAG = '--single-threaded-gc';

if (MANY_GAMES.has(args[0]) && !args.includes('--help') && !process.execArgv.includes(GC_FLAG)) {
  // The child has its own process group, so that each Ctrl-C reaches it once, through here
  // (the first stops the batch and keeps finished runs, a second quits at once).
  const child = spawn(process.execPath, [GC_FLAG, ...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'], detached: true, env: { ...process.env, CASSINO_LAUNCHER_PID: String(process.pid) },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => { child.kill(signal); });
  child.on('error', (e) => { console.error(`cassino: could not start node: ${e.message}`); process.exitCode = 1; });
  child.on('exit', (code, signal) => { process.exitCode = code ?? (signal === 'SIGINT' ? 130 : 1); });
} else {
  if (process.env.CASSINO_LAUNCHER_PID) watchLauncher(Number(process.env.CASSINO_LAUNCHER_PID));
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../engine/node/cli.ts');
  process.exitCode = await main(process.argv.slice(2));
}

/** In the child: stop at once when the launcher is gone (the exit handlers release the batch's lock and temporary files). */
function watchLauncher(launcher) {
  const gone = () => {
    console.error('cassino: the launching process is gone; stopping (finished runs are kept; continue with --resume)');
    process.exit(1);
  };
  // The channel must not keep the child alive once its work is done.
  process.channel?.unref();
  process.on('disconnect', gone);
  setInterval(() => { if (process.ppid !== launcher) gone(); }, 500).unref();
}
