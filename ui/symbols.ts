// NATO unit symbols (MIL-STD-2525C letter codes) drawn by milsymbol and turned into Pixi
// textures, cached by code and colour. The side the player commands (the Allies when watching)
// is drawn as friend, in blue, the other as hostile, in red (style-map.ts sideFill).
import ms from 'milsymbol';
import { Texture } from 'pixi.js';
import type { Side, UnitSize, UnitType } from '../engine/core/index.ts';
import { sideFill } from './style-map.ts';

/** 2525C function ids (positions 5-10) for the engine's unit types. */
const FUNCTION_ID: Record<UnitType, string> = {
  infantry: 'UCI---',
  mountain: 'UCIM--',
  parachute: 'UCIA--',
  panzergrenadier: 'UCIZ--',
  goumier: 'UCIM--',
  cavalry: 'UCRH--',
  armour: 'UCA---',
  'tank-destroyer': 'UCAA--',
  'assault-gun': 'UCAAA-',
  artillery: 'UCF---',
  engineer: 'UCE---',
  recce: 'UCR---',
  headquarters: 'UH----',
};

/** 2525C echelon (position 12). */
const ECHELON: Record<UnitSize, string> = {
  company: 'E', battalion: 'F', regiment: 'G', group: 'G', brigade: 'H', division: 'I',
};

export function sidcFor(type: UnitType, size: UnitSize, friend: boolean): string {
  return `S${friend ? 'F' : 'H'}GP${FUNCTION_ID[type]}-${ECHELON[size]}`;
}

export interface SymbolTexture { texture: Texture; width: number; height: number; anchorX: number; anchorY: number }

const cache = new Map<string, SymbolTexture>();
/** Pixel size milsymbol draws at; sprites are scaled down to the zoom's icon size. */
export const SYMBOL_PX = 34;
const FACTOR = 2;

export function symbolTexture(type: UnitType, size: UnitSize, side: Side, friend: boolean): SymbolTexture {
  const sidc = sidcFor(type, size, friend);
  const key = `${sidc}|${sideFill(side)}`;
  let hit = cache.get(key);
  if (!hit) {
    const sym = new ms.Symbol(sidc, { size: SYMBOL_PX, fillColor: sideFill(side), outlineWidth: 2, outlineColor: 'rgba(255,255,255,0.85)' });
    const canvas = sym.asCanvas(FACTOR);
    const anchor = sym.getAnchor();
    const sz = sym.getSize();
    hit = {
      texture: Texture.from(canvas),
      width: sz.width,
      height: sz.height,
      anchorX: anchor.x / sz.width,
      anchorY: anchor.y / sz.height,
    };
    cache.set(key, hit);
  }
  return hit;
}

/** The symbol as an SVG data URL (for the side panel). */
export function symbolDataUrl(type: UnitType, size: UnitSize, side: Side, friend: boolean): string {
  const sym = new ms.Symbol(sidcFor(type, size, friend), { size: 40, fillColor: sideFill(side) });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(sym.asSVG())}`;
}
