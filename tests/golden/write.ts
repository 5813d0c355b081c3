// Re-pins the golden runs: `npm run golden:write [name-filter]`. Only for a change that means to
// change behaviour, in its own commit that says why.
import { mkdirSync, writeFileSync } from 'node:fs';
import { GOLDEN_SPECS, goldenDir, goldenText, playGolden } from './golden.ts';

const filter = process.argv[2];
mkdirSync(goldenDir, { recursive: true });
for (const spec of GOLDEN_SPECS) {
  if (filter && !spec.name.includes(filter)) continue;
  const t0 = performance.now();
  const { record, replay } = playGolden(spec);
  writeFileSync(`${goldenDir}${spec.name}.json`, goldenText(record));
  if (replay) writeFileSync(`${goldenDir}${spec.name}.replay.json`, JSON.stringify(replay) + '\n');
  console.log(`${spec.name}: ${record.turnHashes.length} turns, ${record.stateHash} (${Math.round(performance.now() - t0)} ms)`);
}
