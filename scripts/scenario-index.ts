// The scenario chooser's index, built with the scenarios: a vite plugin serving the virtual module
// `virtual:scenario-index` (the file, id, name, map and window of every scenarios/*.json), made
// when the app is built or served, so the page lists the scenarios without downloading every
// scenario file (the campaign alone is 434 kB). Served, it is made again when a scenario changes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const ID = 'virtual:scenario-index';
const RESOLVED = `\0${ID}`;

export interface ScenarioHead { file: string; id: string; name: string; map: string; window?: { start: string; end: string } }

/** A scenario's head as the chooser shows it; a file that cannot be read is listed as such. */
export function headOf(file: string, text: () => string): ScenarioHead {
  const id = file.replace(/\.json$/, '');
  try {
    const raw = JSON.parse(text()) as Partial<ScenarioHead>;
    return { file, id: raw.id ?? id, name: raw.name ?? file, map: raw.map ?? '', ...(raw.window ? { window: { start: raw.window.start, end: raw.window.end } } : {}) };
  } catch {
    return { file, id, name: `${file} (unreadable)`, map: '' };
  }
}

export function scenarioIndex(dir: string): ScenarioHead[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => headOf(f, () => readFileSync(join(dir, f), 'utf8')));
}

export function scenarioIndexPlugin(dir: string): Plugin {
  return {
    name: 'cassino-scenario-index',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      for (const f of readdirSync(dir)) if (f.endsWith('.json')) this.addWatchFile(join(dir, f));
      return `export default ${JSON.stringify(scenarioIndex(dir))};`;
    },
  };
}
