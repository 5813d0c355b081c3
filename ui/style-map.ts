// Cartographic style of the map: terrain colours (after the muted palettes of 1940s Allied
// 1:25,000 and 1:50,000 sheets and of board wargames), hill shading, line styles of rivers and
// routes, and which place names show at which zoom.
import type { LinkKind, Side, TerrainType } from '../engine/core/index.ts';

export const TERRAIN_COLOUR: Record<TerrainType, number> = {
  sea: 0x8fb8d8,
  flat: 0xe4e0b4,
  flooded: 0xb4d0cc,
  marsh: 0xbfd2a8,
  rolling: 0xd6d49c,
  'rugged-mixed': 0xc4b184,
  'rugged-bare': 0xc9b9a2,
  'rugged-wooded': 0x98b078,
  town: 0xc9c0b4,
  rubble: 0x9c9086,
  abbey: 0xe0d6c2,
  'abbey-ruins': 0x8a7c70,
};

export const TERRAIN_LABEL: Record<TerrainType, string> = {
  sea: 'sea', flat: 'flat (cultivated valley floor)', flooded: 'flooded ground', marsh: 'marsh', rolling: 'rolling ground',
  'rugged-mixed': 'rugged, scrub and rock', 'rugged-bare': 'rugged, bare rock', 'rugged-wooded': 'rugged, wooded',
  town: 'town', rubble: 'rubble', abbey: 'the abbey', 'abbey-ruins': 'ruins of the abbey',
};

export interface LineStyle { width: number; color: number; casing?: { width: number; color: number }; dash?: [number, number]; ticks?: boolean }

/** Route styles in world units (a hex is HEX world units across). */
export const LINK_STYLE: Record<LinkKind, LineStyle> = {
  highway: { width: 3.2, color: 0xd9502a, casing: { width: 5.2, color: 0x5b2e14 } },
  road: { width: 2.2, color: 0xc7772e, casing: { width: 3.4, color: 0x6b4520 } },
  railway: { width: 1.6, color: 0x222222, ticks: true },
  track: { width: 1.4, color: 0x7a4f28, dash: [5, 3] },
  'mule-track': { width: 1.3, color: 0x5a3418, dash: [1.6, 2.6] },
};
export const CAVENDISH_STYLE: LineStyle = { width: 2.4, color: 0x9b1c1c, casing: { width: 3.8, color: 0xf3e3c3 }, dash: [5, 2.5] };

export const RIVER_COLOUR = 0x2467c4;
export const FRONT_COLOUR = 0xb0126a;

export const SIDE_FILL = { allied: '#80C0FF', german: '#FF8080' } as const;
export const SIDE_HEX = { allied: 0x3a7bd5, german: 0xc0392b } as const;

/**
 * The side the colours belong to: the side the player commands (the Allies when watching) is
 * drawn in blue, the enemy in red, on counters, ground, objectives, arrows and in the panels, so
 * your side's colour stays yours whichever side you play.
 */
let viewerSide: Side = 'allied';
const slot = (side: Side): Side => (side === viewerSide ? 'allied' : 'german');
/** A side's colour on the map (0xRRGGBB): blue for the viewer's side, red for the other. */
export const sideHex = (side: Side): number => SIDE_HEX[slot(side)];
/** A side's symbol fill (CSS colour). */
export const sideFill = (side: Side): string => SIDE_FILL[slot(side)];
export function setViewerSide(side: Side): void {
  viewerSide = side;
  if (typeof document === 'undefined') return;
  const hex = (x: number) => `#${x.toString(16).padStart(6, '0')}`;
  document.documentElement.style.setProperty('--allied', hex(sideHex('allied')));
  document.documentElement.style.setProperty('--german', hex(sideHex('german')));
}

/** The zoom (screen pixels per hex) from which a place of this kind is named. */
export function labelMinHexPx(kind: string): number {
  switch (kind) {
    case 'abbey': case 'town': return 0;
    case 'peak': return 3;
    case 'village': case 'station': return 7;
    case 'ridge': case 'valley': case 'point': return 14;
    default: return 22;
  }
}

/** Multiplies an RGB colour by a factor, channel by channel (clamped). */
export function shadeColour(c: number, f: number): number {
  const r = Math.min(255, Math.round(((c >> 16) & 255) * f));
  const g = Math.min(255, Math.round(((c >> 8) & 255) * f));
  const b = Math.min(255, Math.round((c & 255) * f));
  return (r << 16) | (g << 8) | b;
}

/**
 * Hill-shading factor of a hex from its neighbours' elevations: Lambertian light from the
 * north-west at 45 degrees, heights exaggerated twice, quantised to 1/32 so the map bakes into a
 * few hundred fills. 1 is flat ground.
 */
export function hillShade(elev: ArrayLike<number>, neighbours: ArrayLike<number>, h: number, hexM: number): number {
  const e = (d: number) => { const n = neighbours[h * 6 + d]; return n >= 0 ? elev[n] : elev[h]; };
  const dzdx = (e(0) - e(3)) / (2 * hexM);
  const dy = hexM * Math.sqrt(3) / 2;
  const dzdy = (e(4) + e(5) - e(1) - e(2)) / 2 / (2 * dy);
  const z = 2;
  const nx = -dzdx * z;
  const ny = -dzdy * z;
  const nl = Math.hypot(nx, ny, 1);
  const L = [-0.5, -0.5, Math.SQRT1_2];
  const illum = (nx * L[0] + ny * L[1] + L[2]) / nl;
  const f = 1 + (illum - Math.SQRT1_2) * 0.95;
  const q = Math.round(Math.max(0.66, Math.min(1.22, f)) * 32) / 32;
  return q;
}

/** Gentle hypsometric tint: high ground a little lighter. */
export function heightTint(m: number): number {
  return 0.95 + 0.1 * Math.min(1, Math.max(0, m) / 1400);
}
