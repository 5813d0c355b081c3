import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { composeCampaign } from '../engine/node/build-campaign.ts';
import { loadContext } from '../engine/node/files.ts';
import { runGame } from '../engine/core/run.ts';
import { fullLog } from '../engine/core/state-log.ts';
import { fromMinutes } from '../engine/core/time.ts';
import type { GameState } from '../engine/core/types.ts';
import { joinCutOffUnits } from '../engine/core/control.ts';
import { unitFormations } from '../engine/core/scenario.ts';
import { hexDistance, hexIndex } from '../engine/core/map.ts';

describe('the campaign scenario', () => {
  it('is what npm run build:campaign composes from the four battles (it cannot drift from them)', () => {
    const committed = readFileSync(new URL('../scenarios/campaign.json', import.meta.url), 'utf8');
    expect(composeCampaign()).toBe(committed);
  });
});

/** The campaign (seed 1) as battle 4 opens on 11 May; played once for the tests that read it. */
let opening: GameState | undefined;
function campaignAtBattle4Opening(): GameState {
  if (!opening) {
    runGame(loadContext('campaign'), {
      seed: '1', recordActions: false, turns: 232,
      onTurnEnd: (s) => { if (!opening && fromMinutes(s.time) >= '1944-05-11T18:00') opening = s; },
    });
  }
  return opening!;
}

describe('the campaign between battles', () => {
  it('gives the ground between the lines to the nearer side, so units arriving for a later battle are in supply', () => {
    // Without the lines settling, the Polish II Corps stands on ground last walked over by the
    // Germans in January: no supply reaches it, and its battalions go into battle 4 with no cohesion.
    const atOpening = campaignAtBattle4Opening();
    const polish = Object.values(atOpening.units).filter((u) => /^pl-.*-bn$/.test(u.id) && u.status === 'active');
    expect(polish.length).toBeGreaterThanOrEqual(10);
    const supplied = polish.filter((u) => u.supply >= 50);
    expect(supplied.length / polish.length).toBeGreaterThan(0.8);
    // Supplied battalions keep their cohesion (without the settling it was 0 for all of them);
    // German harassing fire in the three weeks in the line still wears some down.
    expect(supplied.filter((u) => u.cohesion >= 50).length / polish.length).toBeGreaterThanOrEqual(0.75);
    expect(fullLog(atOpening).filter((e) => e.kind === 'front').length).toBeGreaterThanOrEqual(4);
  });

  // Every free German battery in range fires on the largest observed stack night after night;
  // before fire.suppressionFloor that fire alone took the battalion in contact at Point 593 into
  // 11 May with no cohesion at all.
  it('leaves no supplied Polish battalion broken by harassing fire before 11 May', () => {
    const supplied = Object.values(campaignAtBattle4Opening().units).filter((u) => /^pl-.*-bn$/.test(u.id) && u.status === 'active' && u.supply >= 50);
    expect(supplied.length).toBeGreaterThan(0);
    expect(Math.min(...supplied.map((u) => u.cohesion))).toBeGreaterThan(30);
  });
});

describe('the campaign moves units between battles as the history does', () => {
  it('sends units whose next position is far by road behind the lines, and stands the fronts down between battles', () => {
    const ctx = loadContext('campaign');
    const snapshots = new Map<string, GameState>();
    const want = ['1944-02-13T18:00', '1944-05-11T18:00'];
    const r = runGame(ctx, {
      seed: '1', recordActions: false, turns: 232,
      onTurnEnd: (s) => { for (const t of want) if (!snapshots.has(t) && fromMinutes(s.time) >= t) snapshots.set(t, s); },
    });
    const hexOf = (battle: string, unit: string) => loadContext(battle).scenario.unitById[unit].hex;
    // The 90th Panzergrenadier Division came from the Garigliano to Cassino in early February;
    // walking, its guns never got there (no way for vehicles over the mountains and rivers).
    const feb = snapshots.get('1944-02-13T18:00')!;
    expect(feb.units['de-art-190'].hex).toBe(hexOf('battle-2', 'de-art-190'));
    expect(feb.units['de-1-pgr-200'].hex).toBe(hexOf('battle-2', 'de-1-pgr-200'));
    // The French attack of 11 May starts from the Garigliano bridgehead, not from Monte Belvedere.
    const may = snapshots.get('1944-05-11T18:00')!;
    const french = ['fr-1-4-rtt', 'fr-1-8-rtm', 'fr-2-4-rtm'];
    for (const id of french) expect(may.units[id].hex).toBe(hexOf('battle-4', id));
    // Between battles 2 and 3 (19 February to 14 March) the sides shell each other but attack no one.
    const quiet = fullLog(r.state).filter((e) => e.kind === 'combat' && e.at > '1944-02-19T18:00' && e.at < '1944-03-14T18:00');
    expect(quiet.map((e) => `${e.at} ${e.text}`)).toEqual([]);
  });
});

describe('the campaign keeps out of a battle the units its scenario leaves out', () => {
  it('has battle 3 met at Cassino by the 1st Parachute Division, not by the divisions of January and February', () => {
    // A unit that sits out battle 3 (in battles 1, 2 or 4 only) leaves the Cassino front when its
    // last battle ends. Before, the battalions of the 44th, 71st and 90th Divisions stayed where
    // February left them, and battle 3 met three times the Germans of the battle-3 scenario in
    // and around the town: the New Zealand and Indian divisions lost twice their documented men.
    const ctx = loadContext('campaign');
    const b3 = loadContext('battle-3').scenario;
    const b4 = loadContext('battle-4').scenario;
    let march: GameState | undefined;
    runGame(ctx, {
      seed: '1', recordActions: false, turns: 120,
      onTurnEnd: (s) => { if (!march && fromMinutes(s.time) >= '1944-03-15T18:00') march = s; },
    });
    const cols = ctx.map.data.grid.cols;
    // The town, Castle Hill, the station and the abbey's slopes: columns 55-68, rows 48-62.
    const atCassino = Object.values(march!.units).filter((u) => u.hex >= 0 && ctx.scenario.unitById[u.id].side === 'german'
      && u.hex % cols >= 55 && u.hex % cols <= 68 && Math.floor(u.hex / cols) >= 48 && Math.floor(u.hex / cols) <= 62);
    expect(atCassino.length).toBeGreaterThanOrEqual(6);
    // Others stand there only if that is where battle 4 has them (a battalion of the 44th below the station).
    expect(atCassino.filter((u) => !b3.unitById[u.id] && u.hex !== b4.unitById[u.id]?.hex).map((u) => u.id)).toEqual([]);
    // The 90th Panzergrenadier Division, off the map when battle 4 opens, went into reserve after battle 2.
    expect(march!.units['de-pzaa-190'].status).toBe('offmap');
  });
});

describe('the campaign relieves units between battles as the history does', () => {
  it('has the 1st Parachute Division holding the massif in the weeks between battles 2 and 3', () => {
    // The 90th Panzergrenadier Division, which holds Point 593 and the ridges in battle 2, goes
    // into reserve when battle 2 ends; the paratroopers of battle 3 used to come on only on
    // 15 March, so for 24 days no German stood within 1.5 km of the 4th Indian Division.
    const ctx = loadContext('campaign');
    const b3 = loadContext('battle-3').scenario;
    let spring: GameState | undefined;
    runGame(ctx, {
      seed: '1', recordActions: false, turns: 100,
      onTurnEnd: (s) => { if (!spring && fromMinutes(s.time) >= '1944-03-01T06:00') spring = s; },
    });
    const german = Object.values(spring!.units).filter((u) => u.hex >= 0 && u.status === 'active' && ctx.scenario.unitById[u.id].side === 'german');
    for (const place of ['point-593', 'point-569', 'point-575', 'albaneta-farm']) {
      const hex = ctx.map.hexOfPlace.get(place)!;
      expect(b3.units.some((u) => u.side === 'german' && u.hex === hex), place).toBe(true);
      expect(german.some((u) => hexDistance(ctx.map, u.hex, hex) <= 1), place).toBe(true);
    }
  });

  it('has the 78th Division in the mountains behind Cassino and the Guards in the town from 26 March', () => {
    // No battle scenario places the 78th in the mountains (battles 3 and 4 hold it in reserve);
    // before the relief in build.json, no Allied unit held that ground for a month.
    const ctx = loadContext('campaign');
    const b4 = loadContext('battle-4').scenario;
    const polish = b4.units.filter((u) => u.formation.startsWith('pl-') && u.type === 'infantry').map((u) => u.hex);
    const battalions = b4.units.filter((u) => u.type === 'infantry' && unitFormations(b4, u.id).includes('uk-78th-div')).map((u) => u.id);
    let april: GameState | undefined;
    runGame(ctx, {
      seed: '1', recordActions: false, turns: 170,
      onTurnEnd: (s) => { if (!april && fromMinutes(s.time) >= '1944-04-10T06:00') april = s; },
    });
    const inTheMountains = battalions.filter((id) => april!.units[id].status === 'active' && polish.some((h) => hexDistance(ctx.map, april!.units[id].hex, h) <= 1));
    expect(inTheMountains.length).toBeGreaterThanOrEqual(6);
    // The 1st Guards Brigade came into the town with it (build.json arrivals; in no battle before 4).
    for (const id of ['uk-3-grenadier-gds', 'uk-2-coldstream-gds', 'uk-3-welsh-gds']) {
      expect(april!.units[id].status, id).toBe('active');
      expect(hexDistance(ctx.map, april!.units[id].hex, b4.unitById[id].hex), id).toBeLessThanOrEqual(1);
    }
    // Relieved on 24 April, it is back in its battle-4 reserve when battle 4 opens.
    const opening = campaignAtBattle4Opening();
    for (const id of battalions) if (opening.units[id].status !== 'destroyed') expect(opening.units[id].status, id).toBe('reserve');
  });
});

describe('the campaign keeps the fronts quiet between battles but for shelling', () => {
  it('has units that come on before their battle hold without attacking, and their guns fire', () => {
    // The paratroopers who take over the massif on 19 February: before they were stood down, a
    // battalion counter-attacked Point 569 the day it arrived; and guns stood down between
    // battles used to be silent (a plan hold kept them from the fire missions doctrine gives).
    const ctx = loadContext('campaign');
    const b12 = new Set(['battle-1', 'battle-2'].flatMap((id) => loadContext(id).scenario.units.map((u) => u.id)));
    const newcomers = new Set(loadContext('battle-3').scenario.units.map((u) => u.id).filter((id) => !b12.has(id)));
    const r = runGame(ctx, { seed: '1', recordActions: false, turns: 110 });
    const quiet = fullLog(r.state).filter((e) => e.at >= '1944-02-19T06:00' && e.at < '1944-03-15T06:00');
    const attacks = quiet.filter((e) => e.kind === 'combat' && (e.units ?? []).some((u) => newcomers.has(u) && ctx.scenario.unitById[u].side === e.side));
    expect(attacks.map((e) => e.text)).toEqual([]);
    expect(quiet.filter((e) => e.kind === 'bombardment' && (e.units ?? []).includes('de-fj-art-1')).length).toBeGreaterThan(20);
  });
});

describe('the campaign keeps units that sit out a battle out of it', () => {
  it('has the battalion of battle 4 on Point 706 there when battle 4 opens, not spent in attacks of its own in February', () => {
    // It fought in battle 1 and goes to Point 706 when battle 1 ends; stood down until battle 4,
    // it no longer attacks the French on its own initiative on 14 February and is then shelled to
    // nothing on the ground it took, which left Point 706 empty for the Poles on 11 May.
    const u = campaignAtBattle4Opening().units['de-1-gr-132'];
    expect(u.status).toBe('active');
    expect(u.hex).toBe(loadContext('battle-4').scenario.unitById['de-1-gr-132'].hex);
  });
});

describe('the campaign brings units on as their first battle documents them', () => {
  it('has the 1st Parachute Division battalions that come on for battle 3 at its 300 men, not at establishment', () => {
    // The battle-3 scenario gives the paratroop battalions of March about 300 men each; arriving
    // at the 850 of the order of battle, they held the town and the massif with three times that.
    const b3 = loadContext('battle-3').scenario;
    const campaign = loadContext('campaign').scenario;
    for (const id of ['de-3-fjr-3', 'de-3-fjr-4', 'de-2-fjr-4', 'de-1-fjr-1']) {
      expect(campaign.unitById[id].men).toBe(b3.unitById[id].men);
      expect(campaign.unitById[id].men).toBeLessThan(400);
    }
  });
});

describe('the campaign refits units between battles', () => {
  it('brings each battle\'s units up to the strength and rest its scenario opens with, and accounts for every man', () => {
    const ctx = loadContext('campaign');
    const b3 = loadContext('battle-3').scenario;
    let before: GameState | undefined;
    let after: GameState | undefined;
    const r = runGame(ctx, {
      seed: '1', recordActions: false,
      onTurnEnd: (s) => {
        const t = fromMinutes(s.time);
        if (t <= '1944-03-15T06:00') before = s;
        else if (!after) after = s;
      },
    });
    // The Maori battalion that lost men at the station in February opens battle 3 at its 715.
    const refit = fullLog(r.state).find((e) => e.kind === 'refit' && e.at === '1944-03-15T06:00');
    expect(refit?.units).toContain('nz-28-maori');
    expect(before!.units['nz-28-maori'].men).toBeLessThan(b3.unitById['nz-28-maori'].men);
    expect(after!.units['nz-28-maori'].men + (after!.losses['nz-28-maori'] ?? 0) - (before!.losses['nz-28-maori'] ?? 0)).toBe(b3.unitById['nz-28-maori'].men);
    // Rested and in the positions prepared for it: the paratroop battalion on Point 593 had spent
    // the three quiet weeks before 11 May in contact with the Poles (fatigue 100, dug in only to
    // what the rock allows, 2), where the battle-4 scenario has it fresh in prepared positions (3).
    const b4 = loadContext('battle-4').scenario.unitById['de-1-fjr-4'];
    const may = fullLog(r.state).find((e) => e.kind === 'refit' && e.at === '1944-05-11T18:00');
    expect(may?.units).toContain('de-1-fjr-4');
    // And the Poles, in the line since 24 April, go into their first assault rested: without it
    // their leading battalions had fatigue 100 and cohesion 40, and lost a fifth fewer men than in
    // the battle-4 scenario.
    expect(may?.units).toContain('pl-13-wilno-bn');
    expect(b4.entrenchment).toBe(3);
    // Men are conserved over the whole campaign: what is there is what started, less the
    // losses, plus the replacements and arrivals.
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    const initial = ctx.scenario.units.reduce((a, u) => a + u.men, 0);
    expect(sum(Object.fromEntries(Object.entries(r.state.units).map(([id, u]) => [id, u.men])))).toBe(initial - sum(r.state.losses) + sum(r.state.arrivals));
  });
});

describe('the campaign keeps the battles\' attachments', () => {
  it('has the 142nd Infantry under the 34th Division, as battle 1 has it', () => {
    // Without it the 142nd fought battle 1 of the campaign as part of the 36th Division: the
    // 34th's attacks changed, and with them where the German reserves went (Monte Belvedere
    // French at the end of battle 1 in 27 of seeds 1-50, against 31 in the battle-1 scenario).
    const campaign = loadContext('campaign').scenario;
    for (const battle of ['battle-1', 'battle-4']) {
      for (const a of (loadContext(battle).scenario.raw.attach ?? []) as Array<{ formation: string; parent: string }>) {
        expect(campaign.formationById[a.formation].parent, `${battle}: ${a.formation}`).toBe(a.parent);
      }
    }
    expect(campaign.formationById['us-142-inf'].parent).toBe('us-34th-div');
  });
});

describe('the lines settling in a quiet spell', () => {
  const map = loadContext('test-skirmish').map;
  const at = (c: number, r: number) => hexIndex(map, c, r);
  // All Allied but a German rear edge (column 0, with the German supply source) and a German
  // island round one German unit in the middle: the nearest-unit front of two Allied units
  // standing closer to the ground between.
  const front = (island: number[]) => {
    const chars = new Array<string>(map.size).fill('A');
    for (let r = 0; r < map.rows; r++) chars[at(0, r)] = 'G';
    for (const h of island) chars[h] = 'G';
    return chars.join('');
  };
  const source = [{ side: 'german' as const, hex: at(0, 7) }, { side: 'allied' as const, hex: at(15, 7) }];

  it('joins a unit cut off by empty enemy ground back to its side\'s rear', () => {
    const island = [at(8, 7)];
    const units = [{ hex: at(8, 7), side: 'german' as const }, { hex: at(12, 3), side: 'allied' as const }];
    const joined = joinCutOffUnits(map, front(island), units, source);
    // A German corridor now runs from the unit to column 0: every hex of it German, and no more
    // hexes taken than that shortest way.
    const taken = [...joined].map((c, h) => (c === 'G' && front(island)[h] === 'A' ? h : -1)).filter((h) => h >= 0);
    expect(taken.length).toBe(hexDistance(map, at(8, 7), at(0, 7)) - 1);
    expect(taken.every((h) => hexDistance(map, h, at(8, 7)) + hexDistance(map, h, at(0, 7)) <= hexDistance(map, at(8, 7), at(0, 7)) + 1)).toBe(true);
  });

  it('leaves a unit boxed in by enemy units cut off', () => {
    const centre = at(8, 7);
    const ring = Array.from({ length: 6 }, (_, d) => map.neighbours[centre * 6 + d]);
    const units = [{ hex: centre, side: 'german' as const }, ...ring.map((hex) => ({ hex, side: 'allied' as const }))];
    expect(joinCutOffUnits(map, front([centre]), units, source)).toBe(front([centre]));
  });

  it('keeps the paratroopers who walked into Cassino town in February in supply until 15 March', () => {
    // The lines settle again three days after a battle (build.json settleAfterHours), when the
    // units walking to their next positions are there; before, the town stood on an island of
    // German ground, out of supply for three weeks, and its garrison was broken by 15 March.
    let march: GameState | undefined;
    runGame(loadContext('campaign'), {
      seed: '1', recordActions: false, turns: 120,
      onTurnEnd: (s) => { if (!march && fromMinutes(s.time) >= '1944-03-14T18:00') march = s; },
    });
    const town = march!.units['de-2-fjr-3'];
    expect(town.status).toBe('active');
    expect(town.supply).toBeGreaterThan(50);
    // Three weeks under the New Zealanders' guns shake it down to the floor fire alone can push a
    // unit to (fire.json suppressionFloor), not below: being cut off is what broke it.
    expect(town.cohesion).toBeGreaterThanOrEqual(loadContext('campaign').params.fire.suppressionFloor.value);
  });
});

describe('the campaign keeps guns that sit out a battle out of it', () => {
  it('has the French corps artillery (battles 1, 3 and 4) off the map during battle 2', () => {
    let feb: GameState | undefined;
    runGame(loadContext('campaign'), {
      seed: '1', recordActions: false, turns: 70,
      onTurnEnd: (s) => { if (!feb && fromMinutes(s.time) >= '1944-02-17T18:00') feb = s; },
    });
    expect(feb!.units['fr-cef-arty-1'].status).toBe('offmap');
    expect(feb!.units['fr-cef-arty-2'].status).toBe('offmap');
  });
});
