// The map legend: terrain colours and line styles, from the same table the map is drawn with.
import { $, esc } from './dom.ts';
import { CAVENDISH_STYLE, FRONT_COLOUR, LINK_STYLE, RIVER_COLOUR, TERRAIN_COLOUR, TERRAIN_LABEL } from './style-map.ts';

export function renderLegend(): void {
  const sw = (c: number) => `#${c.toString(16).padStart(6, '0')}`;
  const t = Object.entries(TERRAIN_COLOUR).map(([k, c]) => `<div><span class="sw" style="background:${sw(c)}"></span>${esc(TERRAIN_LABEL[k as keyof typeof TERRAIN_LABEL])}</div>`).join('');
  const lines = [
    ['Highway', LINK_STYLE.highway.color], ['Road', LINK_STYLE.road.color], ['Railway', LINK_STYLE.railway.color],
    ['Track', LINK_STYLE.track.color], ['Mule track', LINK_STYLE['mule-track'].color], ['Cavendish Road', CAVENDISH_STYLE.color],
    ['River (hexside)', RIVER_COLOUR], ['Front line', FRONT_COLOUR],
  ].map(([n, c]) => `<div><span class="ln" style="border-color:${sw(c as number)}"></span>${n}</div>`).join('');
  $('legend').innerHTML = `<b>Terrain</b>${t}<b>Lines</b>${lines}<div>★ objective · hill shading from the elevation grid, contours every 200 m</div><div>Bar under a unit: men left of its starting strength</div>`;
}
