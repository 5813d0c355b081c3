// The four historical battles and the campaign: they validate, play reproducibly, hold the
// units the history names with sourced strengths, and add up to the documented totals.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadContext } from '../engine/node/files.ts';
import { runGame } from '../engine/core/run.ts';
import { fullLog } from '../engine/core/state-log.ts';
import { unitFormations } from '../engine/core/scenario.ts';
import type { EngineContext } from '../engine/core/context.ts';

const targets = JSON.parse(readFileSync(new URL('../data/history/targets.json', import.meta.url), 'utf8'));
const ids = ['battle-1', 'battle-2', 'battle-3', 'battle-4', 'campaign'] as const;
const cache = new Map<string, EngineContext>();
const ctxOf = (id: string) => {
  if (!cache.has(id)) cache.set(id, loadContext(id));
  return cache.get(id)!;
};

/** Units of a scenario under a formation (at any depth). */
const under = (ctx: EngineContext, formation: string) =>
  ctx.scenario.units.filter((u) => unitFormations(ctx.scenario, u.id).includes(formation));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const near = (value: number, documented: number, tolerance: number) => Math.abs(value - documented) <= documented * tolerance;

describe.each(ids)('%s', (id) => {
  it('validates, with a source for every unit\'s figures', () => {
    const ctx = ctxOf(id);
    expect(ctx.scenario.units.length).toBeGreaterThan(20);
    for (const u of ctx.scenario.units) expect(u.source.length, u.id).toBeGreaterThan(10);
  });

  it('names every plan item, so a what-if can reach any of them', () => {
    const raw = JSON.parse(readFileSync(new URL(`../scenarios/${id}.json`, import.meta.url), 'utf8'));
    const files: string[] = raw.include?.schedule ?? [];
    const items = [
      ...files.flatMap((f) => JSON.parse(readFileSync(new URL(`../scenarios/${f}`, import.meta.url), 'utf8')).schedule),
      ...raw.schedule,
    ] as Array<{ id?: string; kind: string; at: string }>;
    expect(items.length).toBe(ctxOf(id).scenario.schedule.length);
    for (const it of items) expect(it.id, `${it.kind} at ${it.at}`).toBeDefined();
    expect(new Set(items.map((it) => it.id)).size).toBe(items.length);
  });

  it('carries every documented target that applies to it', () => {
    const ctx = ctxOf(id);
    const n = id === 'campaign' ? 'campaign' : Number(id.slice(-1));
    const applies = (b: number | string | number[]) => (id === 'campaign' ? true : Array.isArray(b) ? b.includes(n as number) : b === n);
    const want = [...targets.losses, ...targets.outcomes].filter((t: { battle: number | string | number[] }) => applies(t.battle)).map((t: { id: string }) => t.id);
    const have = [...(ctx.scenario.documented?.losses ?? []), ...(ctx.scenario.documented?.outcomes ?? [])].map((t) => t.id);
    for (const t of want) expect(have, `target ${t}`).toContain(t);
    for (const t of ctx.scenario.documented?.losses ?? []) {
      expect((t.formations?.length ?? 0) + (t.units?.length ?? 0), `loss target ${t.id} names the units it counts`).toBeGreaterThan(0);
    }
  });

  it('only orders units that exist in it, at hexes on the map, inside its window', () => {
    const ctx = ctxOf(id);
    for (const it of ctx.scenario.schedule) {
      expect(it.at).toBeGreaterThanOrEqual(ctx.scenario.start);
      expect(it.at).toBeLessThan(ctx.scenario.end);
      if ('units' in it) for (const u of Array.isArray(it.units) ? it.units : Object.keys(it.units)) expect(ctx.scenario.unitById[u], `${u}`).toBeDefined();
      if ('target' in it) expect(it.target).toBeGreaterThanOrEqual(0);
    }
  });
});

describe.each(['battle-1', 'battle-2', 'battle-3', 'battle-4'])('%s plays', (id) => {
  it('reproducibly, with losses on both sides', () => {
    const ctx = ctxOf(id);
    const a = runGame(ctx, { seed: '1', recordActions: false });
    const b = runGame(ctx, { seed: '1', recordActions: false });
    expect(a.finalHash).toBe(b.finalHash);
    expect(a.state.turnHashes).toHaveLength(ctx.scenario.turns);
    const lost = { allied: 0, german: 0 };
    for (const u of ctx.scenario.units) lost[u.side] += a.state.losses[u.id] ?? 0;
    expect(lost.allied).toBeGreaterThan(0);
    expect(lost.german).toBeGreaterThan(0);
    expect(fullLog(a.state).filter((e) => e.kind === 'combat').length).toBeGreaterThan(3);
    const c = runGame(ctx, { seed: '2', recordActions: false });
    expect(c.finalHash).not.toBe(a.finalHash);
  });
});

describe('the units the history names', () => {
  const named: Record<string, string[]> = {
    'battle-1': ['us-1-141', 'us-2-141', 'us-1-143', 'de-1-pgr-129', 'de-3-pgr-104', 'de-3-fjr-2'],
    'battle-2': ['uk-1-royal-sussex', 'in-4-6-rajputana', 'in-1-9-gurkha', 'in-1-2-gurkha', 'nz-28-maori'],
    'battle-3': ['in-1-9-gurkha', 'in-1-6-rajputana', 'nz-24-bn', 'de-2-fjr-3', 'nz-20-armd-bde-cavendish'],
    'battle-4': ['de-1-fjr-4', 'de-2-fjr-4', 'de-3-fjr-4', 'pl-12-podolian', 'ca-11-armd-ontario', 'in-8th-div-sappers-7'],
  };
  it.each(Object.entries(named))('%s has them', (id, units) => {
    const ctx = ctxOf(id);
    for (const u of units) expect(ctx.scenario.unitById[u], `${u} in ${id}`).toBeDefined();
  });
  it('the campaign has every unit of every battle', () => {
    const camp = ctxOf('campaign');
    for (const id of ['battle-1', 'battle-2', 'battle-3', 'battle-4']) {
      for (const u of ctxOf(id).scenario.units) expect(camp.scenario.unitById[u.id], `${u.id} of ${id}`).toBeDefined();
    }
  });
});

describe('documented totals', () => {
  it('the goumiers number 7,800 men (three groups of tabors)', () => {
    const gou = ctxOf('battle-4').scenario.units.filter((u) => u.type === 'goumier');
    expect(gou.length).toBe(9);
    expect(sum(gou.map((u) => u.men))).toBe(7800);
  });

  it('746 guns fire for the NZ Corps on 15 March', () => {
    const ctx = ctxOf('battle-3');
    const guns = sum(ctx.scenario.units.filter((u) => u.side === 'allied' && u.type === 'artillery').map((u) => u.guns));
    expect(near(guns, 746, 0.03), `${guns} guns`).toBe(true);
  });

  it('1,060 guns on the 8th Army front and 600 on the 5th Army front on 11 May', () => {
    const ctx = ctxOf('battle-4');
    const arty = (army: string) => sum(under(ctx, army).filter((u) => u.type === 'artillery').map((u) => u.guns));
    expect(near(arty('uk-8th-army'), 1060, 0.03), `${arty('uk-8th-army')} guns`).toBe(true);
    expect(near(arty('us-5th-army'), 600, 0.03), `${arty('us-5th-army')} guns`).toBe(true);
  });

  it('the Allied armies in May number about the documented 240,000 men', () => {
    const ctx = ctxOf('battle-4');
    const men = sum(ctx.scenario.units.filter((u) => u.side === 'allied').map((u) => u.men));
    expect(near(men, 240000, 0.15), `${men} men`).toBe(true);
  });
});
