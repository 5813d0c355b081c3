// Unit counters: a NATO symbol per unit with a strength bar, its designation and men once the
// zoom makes them readable, stacked per hex (up to four shown, with a count badge), in screen
// space so that they keep a readable size at every zoom. Zoomed out, the units are grouped into
// their parent formation's counters (formation-groups.ts) instead of running together.
import { BitmapText, Container, Graphics, Sprite, Text, Texture } from 'pixi.js';
import { type GameState, type MapIndex, type Scenario, type Side, type UnitSize, type UnitType, hexDistance } from '../../engine/core/index.ts';
import { SYMBOL_PX, type SymbolTexture, symbolTexture } from '../symbols.ts';
import type { Camera } from './camera.ts';
import { type FormationGroup, type GroupLevel, designation, formationGroups, strengthText } from './formation-groups.ts';

interface UnitSprite { id: string; box: Container; frame: Graphics; caption: Container | null; hex: number; order: number; w: number; h: number; x: number; y: number }
interface GroupSprite { group: FormationGroup; box: Container; caption: Container; w: number; h: number; x: number; y: number }

/** What the counters show: the state's units, the side drawn as friend, the selection on top. */
export interface UnitScene { state: GameState | null; scenario: Scenario | null; viewer: Side; selected: string[]; map: MapIndex | null }

/** Below this hex size (screen px) units are grouped by parent formation, below the next by division. */
export const GROUP_PX = 16;
export const DIVISION_PX = 9;
/** From this hex size the designation and men are printed on each counter. */
export const CAPTION_PX = 34;

export class UnitLayer {
  readonly layer = new Container();
  private units: UnitSprite[] = [];
  private groups: Record<GroupLevel, GroupSprite[]> = { formation: [], division: [] };
  /** The grouping of the last layout (null: one counter per unit). */
  private level: GroupLevel | null = null;
  /** The counters must be made again (new state, new map). */
  dirty = true;

  rebuild(scene: UnitScene): void {
    for (const u of this.units) u.box.destroy({ children: true });
    for (const g of [...this.groups.formation, ...this.groups.division]) g.box.destroy({ children: true });
    this.units = [];
    this.groups = { formation: [], division: [] };
    const { state: s, scenario: sc, map } = scene;
    if (!s || !sc) return;
    const byHex = stacks(s);
    for (const [hex, ids] of byHex) {
      // Combat units on top of the stack, then by strength; the selected unit first of all.
      const rank = (id: string) => (scene.selected.includes(id) ? 100 : typeRank(sc, id));
      ids.sort((a, b) => rank(b) - rank(a) || s.units[b].men - s.units[a].men || (a < b ? -1 : 1));
      ids.forEach((id, order) => {
        const { box, frame, w, h, barBottom } = counter(s, sc, id, scene.viewer, order === 0 ? ids.length : 1);
        const caption = order === 0 ? captionOf(designation(id), s.units[id].men, barBottom) : null;
        if (caption) box.addChild(caption);
        this.units.push({ id, box, frame, caption, hex, order, w, h, x: 0, y: 0 });
      });
    }
    // Draw bottom of each stack first.
    this.units.sort((a, b) => b.order - a.order || a.hex - b.hex);
    for (const u of this.units) this.layer.addChild(u.box);
    if (map) {
      const dist = (a: number, b: number) => hexDistance(map, a, b);
      for (const [level, radius] of [['formation', 3], ['division', 8]] as const) {
        this.groups[level] = formationGroups(s, sc, byHex, level, radius, dist).map((g) => groupCounter(g, scene.viewer));
        for (const g of this.groups[level]) this.layer.addChild(g.box);
      }
    }
    this.dirty = false;
  }

  /** The counters shown at this zoom: one per unit, or one per formation's cluster. */
  private levelFor(px: number): GroupLevel | null {
    if (px >= GROUP_PX || !this.groups.formation.length) return null;
    return px < DIVISION_PX ? 'division' : 'formation';
  }

  /** Places the counters at their hexes, each lower one in a stack offset up and right. */
  layout(camera: Camera, selected: string[]): void {
    const px = camera.hexPx;
    const k = iconPx(px) / SYMBOL_PX;
    const step = Math.min(5, Math.max(2, px * 0.08));
    const sel = new Set(selected);
    this.level = this.levelFor(px);
    const captions = px >= CAPTION_PX;
    for (const u of this.units) {
      const p = camera.hexScreen(u.hex);
      const off = Math.min(u.order, 3) * step;
      u.x = p.x + off;
      u.y = p.y - off;
      u.box.position.set(u.x, u.y);
      u.box.scale.set(k);
      u.box.visible = this.level === null && u.order < 4;
      u.frame.visible = sel.has(u.id);
      if (u.caption) u.caption.visible = captions;
    }
    for (const level of ['formation', 'division'] as const) {
      for (const g of this.groups[level]) {
        const p = camera.hexScreen(g.group.hex);
        g.x = p.x; g.y = p.y;
        g.box.position.set(g.x, g.y);
        g.box.scale.set(Math.max(k, 0.62));
        g.box.visible = this.level === level;
        // Whole-map zoom: the names of divisions would run together; the symbols say enough.
        g.caption.visible = level === 'formation';
      }
    }
  }

  /** What is on screen (for tests): the grouping, the counters shown and the captions printed. */
  shown(): { level: GroupLevel | null; units: number; groups: number; captions: number } {
    const groups = this.level ? this.groups[this.level].filter((g) => g.box.visible).length : 0;
    const units = this.units.filter((u) => u.box.visible).length;
    const captions = this.units.filter((u) => u.box.visible && u.caption?.visible).length;
    return { level: this.level, units, groups, captions };
  }

  /** The unit whose symbol is under a screen point (top of the stack first), or null. */
  unitAt(sx: number, sy: number, hexPx: number): string | null {
    const k = iconPx(hexPx) / SYMBOL_PX;
    if (this.level) {
      // A formation's counter stands for its strongest unit there.
      const gk = Math.max(k, 0.62);
      const hit = [...this.groups[this.level]].reverse().find((g) => Math.abs(sx - g.x) <= (g.w / 2) * gk && Math.abs(sy - g.y) <= (g.h / 2) * gk);
      return hit ? hit.group.units[0] : null;
    }
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
    if (this.level) {
      const g = this.groups[this.level].find((x) => x.group.units.includes(id));
      return g ? { x: g.x, y: g.y } : null;
    }
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
function counter(s: GameState, sc: Scenario, id: string, viewer: Side, stackSize: number): { box: Container; frame: Graphics; w: number; h: number; barBottom: number } {
  const def = sc.unitById[id];
  const u = s.units[id];
  const tex = symbolTexture(def.type, def.size, u.side, u.side === viewer);
  const { box, by } = symbolWithBar(tex, u.men, def.men, u.status === 'reserve' ? 0.6 : 1);
  const frame = new Graphics();
  frame.rect(-tex.width * tex.anchorX - 3, -tex.height * tex.anchorY - 3, tex.width + 6, tex.height + 6 + 4)
    .stroke({ width: 3, color: 0xffd400 });
  frame.visible = false;
  box.addChild(frame);
  if (stackSize > 1) box.addChild(...stackBadge(stackSize, tex.width * 0.5 + 2, -tex.height * tex.anchorY + 1));
  return { box, frame, w: tex.width, h: tex.height + 6, barBottom: by + 5 };
}

/**
 * A symbol with its strength bar (men left against the strength at the start of the scenario);
 * `by` is the bar's top. Sprites (not Graphics) so that hundreds of counters batch into a few draw calls.
 */
function symbolWithBar(tex: SymbolTexture, men: number, startMen: number, alpha: number): { box: Container; by: number } {
  const box = new Container();
  const sprite = new Sprite(tex.texture);
  sprite.width = tex.width;
  sprite.height = tex.height;
  sprite.anchor.set(tex.anchorX, tex.anchorY);
  sprite.alpha = alpha;
  box.addChild(sprite);
  const share = startMen > 0 ? Math.max(0, Math.min(1, men / startMen)) : 1;
  const bw = SYMBOL_PX * 1.3;
  const by = tex.height * (1 - tex.anchorY) - 2;
  box.addChild(rectSprite(-bw / 2, by, bw, 5, 0x222222));
  box.addChild(rectSprite(-bw / 2 + 1, by + 1, Math.max(0.5, (bw - 2) * share), 3, share > 0.66 ? 0x2ecc71 : share > 0.33 ? 0xf1c40f : 0xe74c3c));
  return { box, by };
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

/** Designation and men under a counter's strength bar, from `top` down (hidden until the zoom makes them readable). */
function captionOf(name: string, men: number, top: number): Container {
  const c = new Container();
  const t = new BitmapText({ text: `${name} · ${strengthText(men)}`, style: { fontFamily: 'DejaVu Sans, sans-serif', fontSize: 10, fill: 0x111111, fontWeight: 'bold' } });
  t.anchor.set(0.5, 0);
  const bg = rectSprite(-t.width / 2 - 2, top + 1, t.width + 4, t.height + 1, 0xfbf7ea);
  bg.alpha = 0.85;
  t.position.set(0, top + 1);
  c.addChild(bg, t);
  c.visible = false;
  return c;
}

/** A formation's counter: the symbol of its main arm at the formation's size, its name and men. */
function groupCounter(g: FormationGroup, viewer: Side): GroupSprite {
  const tex = symbolTexture(g.type as UnitType, g.size as UnitSize, g.side, g.side === viewer);
  const { box, by } = symbolWithBar(tex, g.men, g.startMen, 1);
  const caption = captionOf(g.label, g.men, by + 5);
  caption.visible = true;
  box.addChild(caption);
  box.visible = false;
  return { group: g, box, caption, w: tex.width, h: tex.height + 6, x: 0, y: 0 };
}
