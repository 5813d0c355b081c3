// The building blocks of every file schema (scenarios, included files, what-ifs, replays), in one
// place so that an id, a hex, a date-time or a strength means the same thing and carries the same
// range in each. The ranges come from what the data means: a file holding a value no 1944 record
// could hold (a date in 2044, a raid of 1e308 tons) is refused naming the path and the range,
// instead of being played.
import { z } from 'zod';
import { SIDES } from './types.ts';
import { isIsoLocal, isTurnBoundary, toMinutes } from './time.ts';

export const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected an id of lower-case letters, digits, ".", "_" or "-"');
export const hexRef = z.string().min(1, 'expected a hex reference: a place id, "place@dq,dr" or "@col,row"');
export const side = z.enum(SIDES);
export const count = z.number().int('expected a whole number').nonnegative('expected a number of 0 or more');
export const percent = count.max(100, 'expected a percentage from 0 to 100');
export const probability = z.number().min(0, 'expected a share from 0 to 1').max(1, 'expected a share from 0 to 1');
/** Combat effectiveness relative to 1 (a named source is required when not 1). */
export const quality = z.number().positive('expected a factor above 0').max(3, 'expected a factor of at most 3');
export const entrenchment = count.max(3, 'expected an entrenchment level from 0 to 3');

// --- dates --------------------------------------------------------------------------------

/**
 * Every date in the data lies in 1944, the year of the campaign: the weather record
 * (scenarios/weather/1944.json), the documented targets and the plans are of that year.
 */
export const YEAR = { from: '1944-01-01T00:00', to: '1944-12-31T23:59' } as const;
/** The reason a date-time (`shown` as written) lies outside `range`, or null. */
const within = (range: { from: string; to: string }, what: string) => (s: string, shown = s) => {
  const t = toMinutes(s);
  return t >= toMinutes(range.from) && t <= toMinutes(range.to) ? null : `expected ${what} from ${range.from} to ${range.to}, not ${shown}`;
};

/** A refinement whose message depends on the value (the range and the value given). */
function refineText(schema: z.ZodString, reason: (s: string) => string | null): z.ZodType<string> {
  return schema.superRefine((s, c) => {
    const r = reason(s);
    if (r) c.addIssue({ code: 'custom', message: r });
  });
}

const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const inYear = within(YEAR, 'a date in the campaign\'s year');

/** A local date-time "YYYY-MM-DDTHH:MM" in 1944 (a date alone is refused: midnight is rarely what is meant). */
export const dateTime = refineText(z.string(), (s) => {
  if (!DATE_TIME_RE.test(s) || !isIsoLocal(s)) return `expected a local date-time "YYYY-MM-DDTHH:MM" (with its time), not "${s}"`;
  return inYear(s);
});

/** A local date "YYYY-MM-DD" (the whole day) or date-time in 1944. */
export const date = refineText(z.string(), (s) => {
  if (!isIsoLocal(s)) return `expected a local date "YYYY-MM-DD" or date-time "YYYY-MM-DDTHH:MM", not "${s}"`;
  return s.length === 10 ? inYear(`${s}T00:00`, s) : inYear(s);
});

/**
 * A turn's start or end: 06:00 or 18:00 on a day of 1944. Not bound to the campaign's own dates
 * (17 January to 18 May): a what-if or a mod may play other timings, and the weather falls back on
 * the monthly climatology outside the record. `offGrid` is the message for a time between turns,
 * `what` names the time in the range message.
 */
export function turnTime(offGrid: string, what: string): z.ZodType<string> {
  const inCampaign = within(YEAR, `${what} in 1944`);
  return refineText(z.string(), (s) => {
    if (!DATE_TIME_RE.test(s) || !isIsoLocal(s)) return `expected a local date-time "YYYY-MM-DDTHH:MM" (with its time), not "${s}"`;
    if (!isTurnBoundary(toMinutes(s))) return offGrid;
    return inCampaign(s);
  });
}

/** A time as the engine keeps it (minutes since 1970, local), within 1944. */
export const minutes = z.number().int('expected a whole number of minutes')
  .min(toMinutes(YEAR.from), `expected a time in minutes from ${toMinutes(YEAR.from)} (${YEAR.from}) to ${toMinutes(YEAR.to)} (${YEAR.to})`)
  .max(toMinutes(YEAR.to), `expected a time in minutes from ${toMinutes(YEAR.from)} (${YEAR.from}) to ${toMinutes(YEAR.to)} (${YEAR.to})`);

// --- strengths ----------------------------------------------------------------------------

/**
 * The largest establishment of a unit of any size the format allows (up to a division): the
 * British infantry division of 1944, 18,347 all ranks (war establishment of 1944; J. Ellis, The
 * Sharp End, 1980, app.). No unit in the orders of battle comes near it (the largest, the Polish
 * II Corps troops, has 13,520).
 */
export const MAX_MEN = 18_347;
/**
 * No unit can hold more guns than the whole Allied artillery fired in the opening barrage of
 * Operation Diadem on 11 May 1944, 1,660 guns (the largest of the four battles; the barrage on
 * Cassino town on 15 March had 746).
 */
export const MAX_GUNS = 1_660;
/**
 * The largest tank establishment of 1944, an armoured division's: about 340 tanks in a British
 * armoured division (J. Ellis, The Sharp End), 263 in a US armored division (T/O&E 17, 1943);
 * 400 leaves room for attached squadrons.
 */
export const MAX_TANKS = 400;

/**
 * A whole number from `min` to `max`, with one message for one mistake: a number past the bound
 * (1e308 is whole to JavaScript, but beyond the integers zod calls whole) gets the bound alone.
 */
function bounded(min: number, max: number, tooMany: string, tooFew = 'expected a number of 0 or more'): z.ZodType<number> {
  return z.number().superRefine((n, c) => {
    const m = n > max ? tooMany : n < min ? tooFew : Number.isInteger(n) ? null : 'expected a whole number';
    if (m) c.addIssue({ code: 'custom', message: m });
  });
}

export const men = bounded(0, MAX_MEN, `expected at most ${MAX_MEN.toLocaleString('en-GB')} men (a British infantry division's 1944 establishment, the largest unit the format allows)`);
export const guns = bounded(0, MAX_GUNS, `expected at most ${MAX_GUNS.toLocaleString('en-GB')} guns (the whole Allied artillery of the Diadem barrage, 11 May 1944)`);
export const tanks = bounded(0, MAX_TANKS, `expected at most ${MAX_TANKS} tanks (an armoured division's 1944 establishment)`);

// --- air strikes --------------------------------------------------------------------------

/**
 * The heaviest single raid of 1944: RAF Bomber Command on Duisburg on the morning of 14 October
 * 1944 (Operation Hurricane), 3,574 tons of high explosive and 820 tons of incendiaries from
 * 1,013 aircraft (M. Middlebrook and C. Everitt, The Bomber Command War Diaries). The abbey
 * raid of 15 February 1944 dropped about 450 tons, the town raid of 15 March about 1,000.
 */
export const MAX_TONS = 4_394;
/**
 * The largest air operation of 1944: the US Eighth Air Force on 24 December 1944, 2,046 heavy
 * bombers and 853 fighters (R. Freeman, Mighty Eighth War Diary).
 */
export const MAX_AIRCRAFT = 2_899;

export const tonnage = z.number().positive('expected a tonnage above 0')
  .max(MAX_TONS, `expected at most ${MAX_TONS.toLocaleString('en-GB')} tons (the heaviest raid of 1944, Bomber Command on Duisburg, 14 October 1944)`);
export const aircraft = bounded(1, MAX_AIRCRAFT, `expected at most ${MAX_AIRCRAFT.toLocaleString('en-GB')} aircraft (the largest air operation of 1944, the Eighth Air Force on 24 December 1944)`, 'expected at least one aircraft');
/** Radius in hexes of a target area (0: the target hex alone; 10 hexes is 2.5 km). */
export const radius = count.max(10, 'expected a radius of 0 to 10 hexes');

// --- resolved values (replays) ------------------------------------------------------------

/**
 * A hex index as the engine keeps it. Whether it is on the map can only be checked with the map
 * (see actions/union.ts `offMapIssues`); the schema refuses what no map can hold.
 */
export const hexIndex = z.number().int('expected a hex index (a whole number)').nonnegative('expected a hex index of 0 or more');
/** A unit id as actions carry it (any non-empty string: ids of hand-written scenarios vary). */
export const unitId = z.string().min(1, 'expected a unit id');
