// The line under the map about the hovered hex: its name, ground, height, holder and units.
import { hexLabel, holderOf, terrainAt, unitsInHex } from '../../engine/core/index.ts';
import { app } from '../app-state.ts';
import { placeAt, sideName } from '../describe.ts';
import { view } from '../services.ts';
import { TERRAIN_LABEL } from '../style-map.ts';

export function hoverText(h: number): string {
  const ctx = app.ctx;
  const m = view.map;
  if (!m || h < 0) return '';
  const t = app.state ? terrainAt(m, app.state, h) : m.terrain[h];
  let text = `${hexLabel(m, h)} · ${TERRAIN_LABEL[t]} · ${m.elevation[h]} m`;
  if (ctx) {
    const p = placeAt(ctx, h);
    if (p) text += ` · ${p}`;
  } else {
    const p = m.data.places.find((x) => x.row * m.cols + x.col === h);
    if (p) text += ` · ${p.name}`;
  }
  if (app.state) {
    const holder = holderOf(app.state, h);
    if (holder !== 'none') text += ` · held by ${sideName(holder)}`;
    const here = unitsInHex(app.state, h);
    if (here.length && ctx) text += ` · ${here.map((u) => ctx.scenario.unitById[u.id].name).join('; ')}`;
  }
  return text;
}
