// Weather per turn: the historical record where the scenario has one, otherwise a persistent
// monthly climatology (spells of weather). Ground wetness accumulates with rain and drives mud
// and the river level; visibility and air availability follow the condition and darkness.
import type { WeatherParams } from '../params.ts';
import type { HistoricalWeather } from '../scenario.ts';
import type { WeatherCondition, WeatherState } from '../types.ts';
import { darknessShare, monthOf } from '../time.ts';

const CONDITIONS: WeatherCondition[] = ['clear', 'overcast', 'light-rain', 'heavy-rain', 'snow'];

export function historicalWeatherAt(record: HistoricalWeather[], t: number): HistoricalWeather | undefined {
  // Later entries override earlier ones, so a scenario can give a season and then exceptions.
  let hit: HistoricalWeather | undefined;
  for (const w of record) if (t >= w.from && t < w.to) hit = w;
  return hit;
}

/** Draws a condition from the climatology; `u1` decides persistence, `u2` the new condition. */
export function climatologyCondition(p: WeatherParams, month: number, previous: WeatherCondition | null, u1: number, u2: number): WeatherCondition {
  if (previous && u1 < p.climatology.persistence) return previous;
  const m = p.climatology.months[String(month)];
  let acc = 0;
  for (const c of CONDITIONS) {
    acc += m[c];
    if (u2 < acc) return c;
  }
  return 'overcast';
}

/** The weather of the turn starting at `t`, given the previous turn's weather and two uniforms. */
export function nextWeather(
  p: WeatherParams, record: HistoricalWeather[], t: number, prev: WeatherState | null, u1: number, u2: number,
): WeatherState {
  const hist = historicalWeatherAt(record, t);
  const month = monthOf(t);
  const condition = hist?.condition ?? climatologyCondition(p, month, prev?.condition ?? null, u1, u2);
  const temperature = hist?.temperature ?? p.climatology.months[String(month)].temperature;
  const wetness = Math.max(0, Math.min(p.ground.wetnessMax, (prev?.wetness ?? 0) + p.ground.wetnessGain[condition]));
  let ground: WeatherState['ground'] = wetness >= p.ground.mudAt ? 'mud' : wetness >= p.ground.wetAt ? 'wet' : 'dry';
  if (temperature === 'cold' && condition === 'snow') ground = 'frozen';
  if (hist?.ground) ground = hist.ground;
  let riverLevel = wetness >= p.river.floodAt ? 2 : wetness >= p.river.highAt ? 1 : 0;
  if (hist?.riverLevel !== undefined) riverLevel = hist.riverLevel;
  const dark = darknessShare(t);
  const dayVis = p.visibility.byCondition[condition];
  const visibility = Math.round(dayVis * (1 - dark) + Math.min(dayVis, p.visibility.nightPercent) * dark);
  return {
    condition, ground, riverLevel, visibility, temperature, wetness,
    air: p.air.possible[condition] && dark < 0.5,
    historical: hist?.condition !== undefined,
  };
}
