// What the map and the log tell a player about a turn, checked without a browser: the front is
// one continuous line even with unheld ground between the sides, a hex is named by a place, and
// the story of a turn has every assault of the log, going in from hexes next to its target.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullLog, hexDistance, runGame, startGame } from '../engine/core/index.ts';
import { MIN_POCKET, fillFront, frontPolylines } from '../ui/map/front.ts';
import { HexGrid } from '../ui/map/geometry.ts';
import { designation, strengthText } from '../ui/map/formation-groups.ts';
import { placeName } from '../ui/places.ts';
import { turnStory } from '../ui/story.ts';
import { testContext } from './helpers.ts';

const ctx = testContext();
const m = ctx.map;
const grid = new HexGrid();
grid.setMap(m);

/** Control rows with Allied ground east of column `a`, German west of column `g`, nobody between. */
function split(g: number, a: number, islands: number[] = []): string[] {
  const rows: string[] = [];
  for (let r = 0; r < m.rows; r++) {
    let row = '';
    for (let c = 0; c < m.cols; c++) row += islands.includes(r * m.cols + c) ? 'A' : c < g ? 'G' : c >= a ? 'A' : '.';
    rows.push(row);
  }
  return rows;
}

describe('the front line', () => {
  it('is one continuous line across the map even with unheld ground between the sides, and small islands join the ground round them', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }), (g, gap) => {
      const a = Math.min(m.cols - 1, g + gap);
      const island = Math.floor(m.rows / 2) * m.cols + Math.max(0, g - 1 - 0);
      const side = fillFront(m, split(g, a, g >= 3 ? [island - 2] : []));
      for (let h = 0; h < m.size; h++) if (m.terrain[h] !== 'sea') expect(side[h], `hex ${h}`).toBeGreaterThan(0);
      const lines = frontPolylines(m, side, (h, d) => grid.side(h, d));
      expect(lines).toHaveLength(1);
      // Consecutive points are a hexside apart: no jumps.
      for (const line of lines) for (let i = 1; i < line.length; i++) expect(Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1])).toBeLessThan(20);
    }), { numRuns: 25 });
    expect(MIN_POCKET).toBeGreaterThan(1);
  });
});

describe('place names', () => {
  it('names a hex by its place, "near" one close by, else distance and bearing, never by coordinates', () => {
    const town = m.data.places.find((p) => p.kind === 'town')!;
    const h = town.row * m.cols + town.col;
    expect(placeName(ctx, h)).toBe(town.name);
    for (let x = 0; x < m.size; x++) {
      const name = placeName(ctx, x);
      expect(name).not.toMatch(/^\d+,\d+$/);
      if (name.startsWith('near ')) expect(ctx.scenario.objectives.some((o) => hexDistance(m, o.hex, x) <= 2) || m.data.places.some((p) => hexDistance(m, p.row * m.cols + p.col, x) <= 2)).toBe(true);
      else if (/ km /.test(name)) expect(name).toMatch(/^\d+\.\d km (N|NE|E|SE|S|SW|W|NW) of /);
    }
  });

  it('prints counters\' designations and strengths short', () => {
    expect(designation('us-1-141')).toBe('1/141');
    expect(designation('de-1-gr-267')).toBe('1/GR 267');
    expect(strengthText(871)).toBe('871');
    expect(strengthText(1234)).toBe('1.2k');
    expect(strengthText(14_321)).toBe('14k');
  });
});

describe('the story of a turn', () => {
  it('has every assault of the turn, each from hexes next to its target, with the log\'s result', () => {
    for (const seed of ['1', '4']) {
      const before = startGame(ctx, seed);
      const after = runGame(ctx, { seed, turns: 1 }).state;
      const story = turnStory(ctx, before, after, before.turn);
      const logged = fullLog(after).filter((e) => e.kind === 'combat' && e.turn === before.turn);
      expect(story.assaults.map((a) => a.target)).toEqual(logged.map((e) => e.hex));
      for (const a of story.assaults) {
        expect(a.from.length).toBeGreaterThan(0);
        for (const h of a.from) expect(hexDistance(m, h, a.target)).toBe(1);
        expect(a.won).toBe(fullLog(after)[a.index].data!.won === true);
      }
      for (const c of story.changed) expect(after.control.join('')[c.hex]).toBe(c.to === 'allied' ? 'A' : 'G');
    }
  });
});

describe('a unit gone to ground', () => {
  it('says where and when it was thrown back, at what odds, and what lets it go in again', async () => {
    const { loadContext } = await import('../engine/node/files.ts');
    const { repulsedText } = await import('../ui/describe.ts');
    const b2 = loadContext('battle-2');
    let seen: { s: ReturnType<typeof runGame>['state']; id: string } | undefined;
    runGame(b2, { seed: '1', onTurnEnd: (s) => { const u = Object.values(s.units).find((x) => x.repulsed); if (!seen && u) seen = { s, id: u.id }; } });
    expect(seen).toBeDefined();
    const text = repulsedText(b2, seen!.s, seen!.id);
    expect(text).toMatch(/^thrown back from .+ on \d+ Feb \d\d:\d\d at odds of 0\.\d+ \(below 0\.5\): it goes in there again only with new fire or fresh troops raising the odds, or on a new order$/);
    expect(text).not.toMatch(/\d+,\d+/);
    const free = Object.values(seen!.s.units).find((x) => !x.repulsed)!;
    expect(repulsedText(b2, seen!.s, free.id)).toBe('');
  });
});
