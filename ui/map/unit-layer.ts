// Unit counters: a NATO symbol per unit with a strength bar, stacked per hex (up to four shown,
// with a count badge), in screen space so that they keep a readable size at every zoom.
import { Container, Graphics, Sprite, Text, Texture } from 'pixi.js';
import type { GameState, Scenario, Side } from '../../engine/core/index.ts';
import { SYMBOL_PX, symbolTexture } from '../symbols.ts';
import type { Camera } from './camera.ts';

interface UnitSprite { id: string; box: Container; frame: Graphics; hex: number; order: number; w: number; h: number; x: number; y: number }

/** What the counters show: the state's units, the side drawn as friend, the selection on top. */
export interface UnitScene { state: GameState | null; scenario: Scenario | null; viewer: Side; selected: string[] }

export class UnitLayer {
  readonly layer = new Container();
  private units: UnitSprite[] = [];
  /** The counters must be made again (new state, new map). */
  dirty = true;

  rebuild(scene: UnitScene): void {
    for (const u of this.units) u.box.destroy({ children: true });
    this.units = [];
    const { state: s, scenario: sc } = scene;
    if (!s || !sc) return;
    for (const [hex, ids] of stacks(s)) {
      // Combat units on top of the stack, then by strength; the selected unit first of all.
      const rank = (id: string) => (scene.selected.includes(id) ? 100 : typeRank(sc, id));
      ids.sort((a, b) => rank(b) - rank(a) || s.units[b].men - s.units[a].men || (a < b ? -1 : 1));
      ids.forEach((id, order) => {
        const { box, frame, w, h } = counter(s, sc, id, scene.viewer, order === 0 ? ids.length : 1);
        this.units.push({ id, box, frame, hex, order, w, h, x: 0, y: 0 });
      });
    }
    // Draw bottom of each stack first.
    this.units.sort((a, b) => b.order - a.order || a.hex - b.hex);
    for (const u of this.units) this.layer.addChild(u.box);
    this.dirty = false;
  }

  /** Places the counters at their hexes, each lower one in a stack offset up and right. */
  layout(camera: Camera, selected: string[]): void {
    const px = camera.hexPx;
    const k = iconPx(px) / SYMBOL_PX;
    const step = Math.min(5, Math.max(2, px * 0.08));
    const sel = new Set(selected);
    for (const u of this.units) {
      const p = camera.hexScreen(u.hex);
      const off = Math.min(u.order, 3) * step;
      u.x = p.x + off;
      u.y = p.y - off;
      u.box.position.set(u.x, u.y);
      u.box.scale.set(k);
      u.box.visible = u.order < 4;
      u.frame.visible = sel.has(u.id);
    }
  }

  /** The unit whose symbol is under a screen point (top of the stack first), or null. */
  unitAt(sx: number, sy: number, hexPx: number): string | null {
    const k = iconPx(hexPx) / SYMBOL_PX;
    for (let i = this.units.length - 1; i >= 0; i--) {
      const u = this.units[i];
      if (!u.box.visible) continue;
      const hw = (u.w / 2) * k; const hh = (u.h / 2) * k;
      if (Math.abs(sx - u.x) <= hw && Math.abs(sy - u.y) <= hh) return u.id;
    }
    return null;
  }

  /** Screen position of a unit's symbol at the last layout. */
  positionOf(id: string): { x: number; y: number } | null {
    const u = this.units.find((x) => x.id === id);
    return u ? { x: u.x, y: u.y } : null;
  }
}

const iconPx = (hexPx: number) => Math.max(15, Math.min(46, hexPx * 0.78));

/** The units on the map (active or in reserve) by hex, each list in id order. */
function stacks(s: GameState): Map<number, string[]> {
  const byHex = new Map<number, string[]>();
  for (const id of Object.keys(s.units).sort()) {
    const u = s.units[id];
    if (u.hex < 0 || (u.status !== 'active' && u.status !== 'reserve')) continue;
    const list = byHex.get(u.hex) ?? [];
    list.push(id);
    byHex.set(u.hex, list);
  }
  return byHex;
}

function typeRank(sc: Scenario, id: string): number {
  const t = sc.unitById[id].type;
  return t === 'headquarters' ? 0 : t === 'artillery' ? 1 : 2;
}

/** One counter: symbol, strength bar, selection frame and, on top of a stack, its count. */
function counter(s: GameState, sc: Scenario, id: string, viewer: Side, stackSize: number): { box: Container; frame: Graphics; w: number; h: number } {
  const def = sc.unitById[id];
  const u = s.units[id];
  const tex = symbolTexture(def.type, def.size, u.side, u.side === viewer);
  const box = new Container();
  const sprite = new Sprite(tex.texture);
  sprite.width = tex.width;
  sprite.height = tex.height;
  sprite.anchor.set(tex.anchorX, tex.anchorY);
  if (u.status === 'reserve') sprite.alpha = 0.6;
  box.addChild(sprite);
  // Strength bar: men left against the unit's strength at the start of the scenario.
  // Sprites (not Graphics) so that hundreds of units batch into a few draw calls.
  const share = def.men > 0 ? Math.max(0, Math.min(1, u.men / def.men)) : 1;
  const bw = SYMBOL_PX * 1.3;
  const by = tex.height * (1 - tex.anchorY) - 2;
  box.addChild(rectSprite(-bw / 2, by, bw, 5, 0x222222));
  box.addChild(rectSprite(-bw / 2 + 1, by + 1, Math.max(0.5, (bw - 2) * share), 3, share > 0.66 ? 0x2ecc71 : share > 0.33 ? 0xf1c40f : 0xe74c3c));
  const frame = new Graphics();
  frame.rect(-tex.width * tex.anchorX - 3, -tex.height * tex.anchorY - 3, tex.width + 6, tex.height + 6 + 4)
    .stroke({ width: 3, color: 0xffd400 });
  frame.visible = false;
  box.addChild(frame);
  if (stackSize > 1) box.addChild(...stackBadge(stackSize, tex.width * 0.5 + 2, -tex.height * tex.anchorY + 1));
  return { box, frame, w: tex.width, h: tex.height + 6 };
}

function stackBadge(n: number, x: number, y: number): [Sprite, Text] {
  const badge = new Sprite(badgeTexture());
  badge.anchor.set(0.5);
  badge.width = 19; badge.height = 19;
  badge.position.set(x, y);
  const t = new Text({ text: String(n), style: { fontFamily: 'system-ui, sans-serif', fontSize: 12, fontWeight: '700', fill: 0xffffff }, resolution: 2 });
  t.anchor.set(0.5);
  t.position.set(x, y);
  return [badge, t];
}

function rectSprite(x: number, y: number, w: number, h: number, tint: number): Sprite {
  const sp = new Sprite(Texture.WHITE);
  sp.position.set(x, y);
  sp.width = w;
  sp.height = h;
  sp.tint = tint;
  return sp;
}

let badge: Texture | null = null;
/** A dark disc with a white rim: the count badge of a stack. */
function badgeTexture(): Texture {
  if (!badge) {
    const c = document.createElement('canvas');
    c.width = c.height = 40;
    const g = c.getContext('2d')!;
    g.beginPath();
    g.arc(20, 20, 17, 0, Math.PI * 2);
    g.fillStyle = '#1b1b1b';
    g.fill();
    g.lineWidth = 3;
    g.strokeStyle = '#ffffff';
    g.stroke();
    badge = Texture.from(c);
  }
  return badge;
}
