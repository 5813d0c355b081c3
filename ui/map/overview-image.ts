// The whole-map overview baked at build time (scripts/overview/), fetched and decoded off the
// page's thread; null where there is none (vite's dev server), and the map then bakes its own.
import { overviewUrl } from './geometry.ts';

const loads = new Map<string, Promise<ImageBitmap | null>>();

async function fetchOverview(mapId: string): Promise<ImageBitmap | null> {
  try {
    const res = await fetch(overviewUrl(mapId));
    if (!res.ok || !res.headers.get('content-type')?.startsWith('image/')) return null;
    return await createImageBitmap(await res.blob());
  } catch {
    return null;
  }
}

/** The overview of a map (fetched once; later calls share the first). */
export function loadOverview(mapId: string): Promise<ImageBitmap | null> {
  let hit = loads.get(mapId);
  if (!hit) { hit = fetchOverview(mapId); loads.set(mapId, hit); }
  return hit;
}
