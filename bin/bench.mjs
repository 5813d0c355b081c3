#!/usr/bin/env node
// `npm run bench`: registers tsx and runs the benchmark (engine/node/bench.ts).
import { register } from 'tsx/esm/api';
register();
const { bench } = await import('../engine/node/bench.ts');
process.exitCode = await bench(process.argv.slice(2));
