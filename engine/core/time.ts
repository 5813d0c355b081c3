// Calendar, 12-hour turns and the sun. Times are local clock time in the sector (UTC+1, the time
// the Allied and German armies in Italy both kept in 1944), written "YYYY-MM-DDTHH:MM". Civil date
// arithmetic is done here without Date so that no host time zone can leak into a run.

export const TURN_MINUTES = 12 * 60;
/** Turns start at 06:00 (day turn) and 18:00 (night turn). */
export const TURN_START_HOURS = [6, 18] as const;
/** The sector's reference point (the abbey) for sunrise and sunset. */
export const SECTOR = { lat: 41.49, lon: 13.8139, utcOffsetHours: 1 };

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

/** Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Whether a string is a valid local date or date-time ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"). */
export function isIsoLocal(s: string): boolean {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const [y, mo, d, h = '0', mi = '0'] = m.slice(1);
  const c = civilFromDays(daysFromCivil(+y, +mo, +d));
  return c.m === +mo && c.d === +d && +h < 24 && +mi < 60;
}

/** Minutes since 1970-01-01T00:00 local. Throws on a malformed string (validate first). */
export function toMinutes(s: string): number {
  const m = ISO_RE.exec(s);
  if (!m) throw new Error(`not a local date-time: ${s}`);
  const [y, mo, d, h = '0', mi = '0'] = m.slice(1);
  return daysFromCivil(+y, +mo, +d) * 1440 + +h * 60 + +mi;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function fromMinutes(t: number): string {
  const days = Math.floor(t / 1440);
  const rem = t - days * 1440;
  const { y, m, d } = civilFromDays(days);
  return `${y}-${pad(m)}-${pad(d)}T${pad(Math.floor(rem / 60))}:${pad(rem % 60)}`;
}

export function dateOf(t: number): string {
  return fromMinutes(t).slice(0, 10);
}

/** The start of turn `turn` of a scenario starting at `startMinutes`. */
export function turnStart(startMinutes: number, turn: number): number {
  return startMinutes + turn * TURN_MINUTES;
}

/** Index of the turn that contains minute t (may be negative or past the end). */
export function turnAt(startMinutes: number, t: number): number {
  return Math.floor((t - startMinutes) / TURN_MINUTES);
}

export function isTurnBoundary(t: number): boolean {
  const minuteOfDay = ((t % 1440) + 1440) % 1440;
  return TURN_START_HOURS.some((h) => h * 60 === minuteOfDay);
}

export function dayOfYear(days: number): number {
  const { y } = civilFromDays(days);
  return days - daysFromCivil(y, 1, 1) + 1;
}

/**
 * Sunrise and sunset in local minutes of the day (NOAA's low-precision solar position: accurate
 * to a few minutes, far finer than a 12-hour turn).
 */
export function sunTimes(days: number, lat = SECTOR.lat, lon = SECTOR.lon, utcOffsetHours = SECTOR.utcOffsetHours): {
  sunrise: number; sunset: number;
} {
  const n = dayOfYear(days);
  const g = ((2 * Math.PI) / 365) * (n - 1);
  const eqTime = 229.18 * (0.000075 + 0.001868 * Math.cos(g) - 0.032077 * Math.sin(g)
    - 0.014615 * Math.cos(2 * g) - 0.040849 * Math.sin(2 * g));
  const decl = 0.006918 - 0.399912 * Math.cos(g) + 0.070257 * Math.sin(g) - 0.006758 * Math.cos(2 * g)
    + 0.000907 * Math.sin(2 * g) - 0.002697 * Math.cos(3 * g) + 0.00148 * Math.sin(3 * g);
  const latR = (lat * Math.PI) / 180;
  const zenith = (90.833 * Math.PI) / 180;
  const cosH = Math.cos(zenith) / (Math.cos(latR) * Math.cos(decl)) - Math.tan(latR) * Math.tan(decl);
  const ha = (Math.acos(Math.max(-1, Math.min(1, cosH))) * 180) / Math.PI;
  const noonUtc = 720 - 4 * lon - eqTime;
  return {
    sunrise: Math.round(noonUtc - 4 * ha + utcOffsetHours * 60),
    sunset: Math.round(noonUtc + 4 * ha + utcOffsetHours * 60),
  };
}

/** Share of the 12 hours from turn start `t` that are dark (0..1). */
export function darknessShare(t: number): number {
  let dark = 0;
  // The turn spans at most two calendar days.
  for (let day = Math.floor(t / 1440); day <= Math.floor((t + TURN_MINUTES) / 1440); day++) {
    const { sunrise, sunset } = sunTimes(day);
    const dayStart = day * 1440;
    const from = Math.max(t, dayStart);
    const to = Math.min(t + TURN_MINUTES, dayStart + 1440);
    if (to <= from) continue;
    const light = Math.max(0, Math.min(to, dayStart + sunset) - Math.max(from, dayStart + sunrise));
    dark += to - from - light;
  }
  return dark / TURN_MINUTES;
}

export function isNightTurn(t: number): boolean {
  return darknessShare(t) > 0.5;
}

export function monthOf(t: number): number {
  return civilFromDays(Math.floor(t / 1440)).m;
}

export function seasonOf(t: number): 'winter' | 'spring' | 'summer' | 'autumn' {
  const m = monthOf(t);
  if (m === 12 || m <= 2) return 'winter';
  if (m <= 5) return 'spring';
  if (m <= 8) return 'summer';
  return 'autumn';
}
