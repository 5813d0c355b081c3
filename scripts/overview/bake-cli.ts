// `node --import tsx scripts/overview/bake-cli.ts MAP.map.json OUT.png`: bakes one map's overview
// (bake.ts). The vite plugin (plugin.ts) runs it in a process of its own, so that vite's config,
// which every vitest run loads, does not pull in the engine.
import { readFileSync, writeFileSync } from 'node:fs';
import { type HexMapData, indexMap } from '../../engine/core/index.ts';
import { bakeOverviewPng } from './bake.ts';

const [mapFile, out] = process.argv.slice(2);
if (!mapFile || !out) {
  console.error('usage: node --import tsx scripts/overview/bake-cli.ts MAP.map.json OUT.png');
  process.exit(2);
}
writeFileSync(out, bakeOverviewPng(indexMap(JSON.parse(readFileSync(mapFile, 'utf8')) as HexMapData)));
