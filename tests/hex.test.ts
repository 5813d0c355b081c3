import { describe, expect, it } from 'vitest';
import {
  axialDistance, axialLine, axialNeighbours, axialRing, axialSpiral, axialToOffset, offsetToAxial,
  axialToPoint, pointToAxial, latLonToAxial, axialToLatLon, haversineM, dms, cubeRound,
} from '../engine/core/hex.ts';

describe('hex grid (Red Blob Games reference vectors)', () => {
  it('measures distance in cube coordinates', () => {
    expect(axialDistance({ q: 0, r: 0 }, { q: 3, r: -1 })).toBe(3);
    expect(axialDistance({ q: -2, r: 3 }, { q: 2, r: -1 })).toBe(4);
    expect(axialDistance({ q: 1, r: 1 }, { q: 1, r: 1 })).toBe(0);
  });

  it('has six neighbours, all at distance 1', () => {
    const n = axialNeighbours({ q: 2, r: -1 });
    expect(n).toHaveLength(6);
    for (const h of n) expect(axialDistance(h, { q: 2, r: -1 })).toBe(1);
    expect(new Set(n.map((h) => `${h.q},${h.r}`)).size).toBe(6);
  });

  it('converts odd-r offset coordinates both ways', () => {
    // Red Blob: in odd-r, offset (col 1,row 1) is axial (q 1, r 1); (0,2) is (-1,2); (3,3) is (2,3).
    expect(offsetToAxial({ col: 1, row: 1 })).toEqual({ q: 1, r: 1 });
    expect(offsetToAxial({ col: 0, row: 2 })).toEqual({ q: -1, r: 2 });
    expect(offsetToAxial({ col: 3, row: 3 })).toEqual({ q: 2, r: 3 });
    for (let col = 0; col < 9; col++) for (let row = 0; row < 9; row++) {
      expect(axialToOffset(offsetToAxial({ col, row }))).toEqual({ col, row });
    }
  });

  it('draws lines of distance + 1 hexes, each step adjacent', () => {
    const a = { q: 0, r: 0 };
    const b = { q: 5, r: -2 };
    const line = axialLine(a, b);
    expect(line).toHaveLength(6);
    expect(line[0]).toEqual(a);
    expect(line[5]).toEqual(b);
    for (let i = 1; i < line.length; i++) expect(axialDistance(line[i - 1], line[i])).toBe(1);
  });

  it('builds rings of 6k hexes and spirals of 3k(k+1)+1', () => {
    for (const k of [1, 2, 5]) {
      const ring = axialRing({ q: 1, r: 2 }, k);
      expect(ring).toHaveLength(6 * k);
      for (const h of ring) expect(axialDistance(h, { q: 1, r: 2 })).toBe(k);
    }
    expect(axialSpiral({ q: 0, r: 0 }, 3)).toHaveLength(37);
  });

  it('rounds points to the containing hex and back', () => {
    for (const a of [{ q: 0, r: 0 }, { q: 4, r: -7 }, { q: -3, r: 5 }]) {
      const p = axialToPoint(a, 250);
      expect(pointToAxial(p.x + 30, p.y - 40, 250)).toEqual(a);
    }
    expect(cubeRound(0.4, 0.3, -0.7)).toEqual({ q: 1, r: 0, s: -1 });
  });

  it('projects latitude/longitude onto hexes of a given size in metres', () => {
    const grid = { origin: { lat: 41.6, lon: 13.64 }, hexSizeM: 250 };
    const abbey = { lat: dms(41, 29, 24), lon: dms(13, 48, 50) };
    const h = latLonToAxial(grid, abbey);
    const back = axialToLatLon(grid, h);
    // The centre of the hex is within a hex radius (144 m) of the point.
    expect(haversineM(abbey, back)).toBeLessThan(145);
    // A point 1 km east is four hexes away.
    const east = { lat: abbey.lat, lon: abbey.lon + 1000 / (111320 * Math.cos((41.49 * Math.PI) / 180)) };
    expect(axialDistance(h, latLonToAxial(grid, east))).toBe(4);
  });

  it('measures great-circle distances (abbey to Cassino town ~1.7 km)', () => {
    const abbey = { lat: dms(41, 29, 24), lon: dms(13, 48, 50) };
    const town = { lat: dms(41, 29, 30), lon: dms(13, 50, 0) };
    expect(haversineM(abbey, town)).toBeGreaterThan(1550);
    expect(haversineM(abbey, town)).toBeLessThan(1700);
  });
});
