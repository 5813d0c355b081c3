// Places named as a wargamer names them: the map's named features and the scenario's objectives,
// "near" one within two hexes, else the distance and bearing from the nearest ("1.3 km SW of
// Cassino"), never the grid's raw coordinates.
import { type EngineContext, hexDistance, hexOffset } from '../engine/core/index.ts';

interface Named { hex: number; name: string; rank: number }

const cache = new WeakMap<object, Named[]>();

/** A place's name without the bracketed gloss ("Point 593 (Monte Calvario)" stays whole: a point's gloss is its name). */
export function shortPlaceName(name: string, kind = ''): string {
  return kind === 'point' ? name : name.replace(/\s*\(.*\)$/, '');
}

/** Named hexes of the map and the scenario, the more important first (objectives, towns, then the rest). */
function namedHexes(ctx: EngineContext): Named[] {
  let list = cache.get(ctx.scenario);
  if (list) return list;
  list = [];
  const rankOf = (kind: string) => (kind === 'town' || kind === 'abbey' ? 1 : kind === 'village' || kind === 'peak' ? 2 : 3);
  for (const o of ctx.scenario.objectives) list.push({ hex: o.hex, name: o.name, rank: 0 });
  for (const p of ctx.map.data.places) list.push({ hex: p.row * ctx.map.cols + p.col, name: shortPlaceName(p.name, p.kind), rank: rankOf(p.kind) });
  list.sort((a, b) => a.rank - b.rank);
  cache.set(ctx.scenario, list);
  return list;
}

const BEARINGS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];

/** The compass bearing from hex a to hex b (rows run north to south, odd rows shifted half a hex east). */
function bearing(ctx: EngineContext, a: number, b: number): string {
  const pa = hexOffset(ctx.map, a); const pb = hexOffset(ctx.map, b);
  const dx = (pb.col + 0.5 * (pb.row & 1)) - (pa.col + 0.5 * (pa.row & 1));
  const dy = -(pb.row - pa.row) * Math.sqrt(3) / 2;
  const deg = (Math.atan2(dx, dy) * 180 / Math.PI + 360) % 360;
  return BEARINGS[Math.round(deg / 45) % 8];
}

/** The name of a hex: the place there, "near" one within two hexes, or distance and bearing from the nearest. */
export function placeName(ctx: EngineContext, h: number): string {
  if (h < 0) return 'off the map';
  const named = namedHexes(ctx);
  if (!named.length) return `hex ${hexOffset(ctx.map, h).col},${hexOffset(ctx.map, h).row}`;
  const at = named.find((p) => p.hex === h);
  if (at) return at.name;
  let best = named[0];
  let bestD = Infinity;
  for (const p of named) {
    // An objective or a town a little further off names a hex better than a nameless point next to it.
    const d = hexDistance(ctx.map, h, p.hex) + p.rank * 0.5;
    if (d < bestD) { bestD = d; best = p; }
  }
  const d = hexDistance(ctx.map, h, best.hex);
  if (d <= 2) return `near ${best.name}`;
  const km = (d * ctx.map.data.grid.hexSizeM) / 1000;
  return `${km.toFixed(1)} km ${bearing(ctx, best.hex, h)} of ${best.name}`;
}

/** "on Point 593", "near Cassino", "1.3 km SW of Cassino": a place after a verb of attack or fire. */
export function onPlace(name: string): string {
  return /^(near |\d+(\.\d+)? km )/.test(name) ? name : `on ${name}`;
}
