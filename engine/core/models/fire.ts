// Fire that is not an assault: air strikes (tonnage and accuracy as the record gives them) and
// artillery bombardment. Produces losses per hex; bombing turns towns to rubble and the abbey to
// ruins once enough tonnage lands on them.
import type { MapIndex, TerrainType } from '../map.ts';
import type { FireParams } from '../params.ts';
import type { Uniform } from '../rng.ts';
import { normal } from '../rng.ts';

/** Tonnage landing on each hex: the target area gets the accurate share, near misses spread round it. */
export function bombFall(
  map: MapIndex, p: FireParams, target: number, radius: number, tonnage: number, accuracy: number,
): Map<number, number> {
  const area = hexesWithin(map, target, radius);
  const ring = hexesWithin(map, target, radius + p.nearMissRadius.value).filter((h) => !area.includes(h));
  const out = new Map<number, number>();
  const onTarget = (tonnage * accuracy) / area.length;
  for (const h of area) out.set(h, onTarget);
  if (ring.length) {
    const near = (tonnage * (1 - accuracy) * p.nearMissShare.value) / ring.length;
    for (const h of ring) out.set(h, near);
  }
  return out;
}

/** Expected men lost in a hex to `tons` of bombs, before noise; protection by entrenchment. */
export function bombCasualties(p: FireParams, tons: number, menInHex: number, entrenchment: number, u: Uniform): number {
  if (menInHex <= 0 || tons <= 0) return 0;
  const mean = tons * p.casualtiesPerTonOnTarget.value * p.entrenchmentProtection[Math.min(3, entrenchment)];
  return noisyLoss(mean, menInHex, u);
}

/** Men lost to a turn of bombardment by `guns` pieces. */
export function bombardmentCasualties(
  p: FireParams, guns: number, menInHex: number, entrenchment: number, observed: boolean, u: Uniform,
): number {
  if (menInHex <= 0 || guns <= 0) return 0;
  const obs = observed ? p.observedFireFactor.value : p.observedFireFactor.unobserved;
  const mean = guns * p.casualtiesPerGunTurn.value * p.entrenchmentProtection[Math.min(3, entrenchment)] * obs;
  return noisyLoss(mean, menInHex, u);
}

function noisyLoss(mean: number, cap: number, u: Uniform): number {
  // Lognormal spread with a median of `mean` (sigma 0.4): fire effects vary widely from day to day.
  const x = mean * Math.exp(0.4 * normal(u));
  return Math.max(0, Math.min(cap, Math.round(x)));
}

/**
 * Men lost when heavy bombs bring a town hex's buildings down on the cellars they shelter in: a
 * share of the men there (fire.collapseCasualtyShare), in proportion to the tonnage up to what
 * turns the hex to rubble. Only standing buildings fall: rubble and open ground lose nothing here.
 */
export function collapseCasualties(p: FireParams, terrain: TerrainType, tons: number, menInHex: number): number {
  if (terrain !== 'town' || menInHex <= 0 || tons <= 0) return 0;
  const share = p.collapseCasualtyShare.value * Math.min(1, tons / p.rubbleTons.value);
  return Math.min(menInHex, Math.round(menInHex * share));
}

/** What heavy bombing leaves of a hex. */
export function bombedTerrain(p: FireParams, terrain: TerrainType, tons: number): TerrainType | null {
  if (terrain === 'town' && tons >= p.rubbleTons.value) return 'rubble';
  if (terrain === 'abbey' && tons >= p.ruinTons.value) return 'abbey-ruins';
  return null;
}

export function hexesWithin(map: MapIndex, centre: number, radius: number): number[] {
  const seen = new Set<number>([centre]);
  let frontier = [centre];
  for (let k = 0; k < radius; k++) {
    const next: number[] = [];
    for (const h of frontier) for (let d = 0; d < 6; d++) {
      const n = map.neighbours[h * 6 + d];
      if (n >= 0 && !seen.has(n)) { seen.add(n); next.push(n); }
    }
    frontier = next;
  }
  return [...seen].sort((a, b) => a - b);
}
