// Map-only mode (?map=<id>): a compiled map without a scenario.
import { beginMapOnly } from '../app-state.ts';
import { loadMap } from '../data.ts';
import { hint } from '../dom.ts';
import { loadOverview } from '../map/overview-image.ts';
import { renderAll } from '../screen.ts';
import { view } from '../services.ts';

export async function showMapOnly(mapId: string): Promise<void> {
  beginMapOnly();
  const map = await loadMap(mapId);
  view.setMap(map, null, await loadOverview(mapId));
  view.setState(null);
  hint(`Map ${map.data.name}: ${map.cols} × ${map.rows} hexes of ${map.data.grid.hexSizeM} m.`);
  renderAll();
}
