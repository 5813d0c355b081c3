// The whole-map overview baked at build time (scripts/overview/) is the map the browser draws: a
// valid PNG of the size the page expects, whose pixel at the centre of a plain hex (no symbol,
// route or river over it) is that hex's terrain colour with its hill shading, as
// ui/map/draw-terrain.ts gives it to pixi.js in the browser.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadMap } from '../engine/node/files.ts';
import { OVERVIEW_MAX_PX, bakeOverviewPng } from '../scripts/overview/bake.ts';
import { HexGrid, overviewScale } from '../ui/map/geometry.ts';
import { TERRAIN_COLOUR, heightTint, hillShade, shadeColour } from '../ui/style-map.ts';

/** Decodes the baker's PNGs (8-bit RGB, one IDAT, "Sub" filter on every row). */
function decode(png: Buffer): { width: number; height: number; rgb: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 3 + 1)]).toBe(1);
    for (let x = 0; x < width * 3; x++) rgb[y * width * 3 + x] = (raw[y * (width * 3 + 1) + 1 + x] + (x >= 3 ? rgb[y * width * 3 + x - 3] : 0)) & 255;
  }
  return { width, height, rgb };
}

describe('the overview baked at build time', () => {
  it('is a PNG of the page\'s size showing each plain hex in its shaded terrain colour', () => {
    const map = loadMap('test-valley');
    const img = decode(bakeOverviewPng(map));
    const grid = new HexGrid();
    grid.setMap(map);
    const b = grid.bounds;
    const k = overviewScale(b, OVERVIEW_MAX_PX);
    expect(img.width).toBe(Math.ceil((b.x1 - b.x0) * k));
    expect(img.height).toBe(Math.ceil((b.y1 - b.y0) * k));
    const onRoute = new Set(map.data.links.flatMap((l) => [l.a, l.b]));
    const onRiver = new Set(map.data.riverSides.flatMap((r) => [r.a, r.b]));
    const marked = new Set(['town', 'rubble', 'abbey', 'abbey-ruins', 'flooded', 'marsh']);
    let checked = 0;
    for (let h = 0; h < map.size; h++) {
      const t = map.terrain[h];
      if (onRoute.has(h) || onRiver.has(h) || marked.has(t)) continue;
      const want = t === 'sea' ? TERRAIN_COLOUR[t] : shadeColour(TERRAIN_COLOUR[t], hillShade(map.elevation, map.neighbours, h, map.data.grid.hexSizeM) * heightTint(map.elevation[h]));
      const x = Math.floor((grid.cx(h) - b.x0) * k); const y = Math.floor((grid.cy(h) - b.y0) * k);
      const o = (y * img.width + x) * 3;
      const got = [img.rgb[o], img.rgb[o + 1], img.rgb[o + 2]];
      for (const [i, c] of [want >> 16, (want >> 8) & 255, want & 255].entries()) expect(Math.abs(got[i] - c), `hex ${h} (${t})`).toBeLessThanOrEqual(2);
      checked++;
    }
    expect(checked).toBeGreaterThan(map.size / 4);
  });
});
