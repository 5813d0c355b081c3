import { describe, expect, it } from 'vitest';
import { darknessShare, daysFromCivil, fromMinutes, isIsoLocal, isNightTurn, seasonOf, sunTimes, toMinutes } from '../engine/core/time.ts';

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

describe('calendar and sun', () => {
  it('round-trips local date-times without a host time zone', () => {
    for (const s of ['1944-01-17T06:00', '1944-02-29T18:00', '1944-05-18T06:00', '1944-12-31T23:59']) {
      expect(fromMinutes(toMinutes(s))).toBe(s);
    }
    expect(toMinutes('1944-03-01T00:00') - toMinutes('1944-02-28T00:00')).toBe(2 * 1440); // 1944 was a leap year
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
  });

  it('rejects impossible dates', () => {
    expect(isIsoLocal('1944-02-30')).toBe(false);
    expect(isIsoLocal('1944-13-01T06:00')).toBe(false);
    expect(isIsoLocal('1944-01-20T24:00')).toBe(false);
    expect(isIsoLocal('1944-01-20T20:10')).toBe(true);
  });

  it('gives Cassino sunrise and sunset within minutes of the almanac', () => {
    // Almanac for 41.5N 13.8E, UTC+1: 20 Jan ~07:28 / ~17:05; 11 May ~05:00 / ~19:12.
    const jan = sunTimes(daysFromCivil(1944, 1, 20));
    expect(Math.abs(jan.sunrise - (7 * 60 + 28))).toBeLessThan(12);
    expect(Math.abs(jan.sunset - (17 * 60 + 5))).toBeLessThan(12);
    const may = sunTimes(daysFromCivil(1944, 5, 11));
    expect(Math.abs(may.sunrise - (5 * 60 + 0))).toBeLessThan(12);
    expect(Math.abs(may.sunset - (19 * 60 + 12))).toBeLessThan(12);
    expect(hhmm(jan.sunrise) < hhmm(jan.sunset)).toBe(true);
  });

  it('marks the 18:00 turns as night and the 06:00 turns as day', () => {
    expect(isNightTurn(toMinutes('1944-01-20T18:00'))).toBe(true);
    expect(isNightTurn(toMinutes('1944-01-21T06:00'))).toBe(false);
    // A May evening turn starts in daylight but is still mostly dark.
    const may = darknessShare(toMinutes('1944-05-11T18:00'));
    expect(may).toBeGreaterThan(0.6);
    expect(may).toBeLessThan(0.95);
    // A January day turn has more darkness than a May day turn.
    expect(darknessShare(toMinutes('1944-01-20T06:00'))).toBeGreaterThan(darknessShare(toMinutes('1944-05-12T06:00')));
  });

  it('knows the seasons of the campaign', () => {
    expect(seasonOf(toMinutes('1944-01-20T06:00'))).toBe('winter');
    expect(seasonOf(toMinutes('1944-05-11T18:00'))).toBe('spring');
  });
});
