// Play mode: the player commands one side against the engine (its plan and AI play the other).
// Orders go to the engine worker, which answers with the new state or the reason it refused.
import { type Action, type Side, enemyOf, fromMinutes, fullLog } from '../../engine/core/index.ts';
import {
  app, aimAttack, enterPlay, phaseEnded, recordOrder, setBusy, setWaiting, startPick,
} from '../app-state.ts';
import { errorText } from '../data.ts';
import { eventText, sideName } from '../describe.ts';
import { $, hint, seedInput, toast } from '../dom.ts';
import { type OrderChoice, orderText } from '../orders.ts';
import { resetSightings } from '../fog.ts';
import { refreshLog } from '../screen.ts';
import { engine, view } from '../services.ts';
import { renderPhases } from '../situation.ts';
import { pickVerb, renderUnitPanel } from '../unit-panel.ts';
import { updateModeButtons } from './buttons.ts';
import { keep, mailHint, showPlayed } from './keep.ts';
import { stopPlaying } from './replay.ts';

export async function startPlay(side: Side): Promise<void> {
  const ctx = app.ctx;
  if (!ctx) return;
  stopPlaying();
  engine.restart();
  await engine.load(app.file);
  enterPlay(side, seedInput(ctx.scenario.defaultSeed));
  view.viewer = side;
  updateModeButtons();
  setBusy(true);
  hint('Starting the game…');
  try {
    const mail = $<HTMLInputElement>('mail').checked;
    Object.assign(keep, { mail, message: '' });
    resetSightings();
    const r = await engine.play(app.seed, side, $<HTMLInputElement>('assist').checked, mail);
    setWaiting(r.waiting);
    showPlayed(r);
    hint(phaseHint());
  } catch (e) {
    toast(errorText(e), true);
  } finally {
    setBusy(false);
    renderPhases();
  }
}

/** What the player can do in the phase shown. */
export function phaseHint(): string {
  const s = app.state;
  if (!s) return '';
  if (s.phase === 'movement') return 'Movement: select a unit, click a green hex to move. N: next unit. E: end turn.';
  if (s.phase === 'combat') return 'Combat: select units next to the enemy, click a red hex to attack; select artillery, click an orange hex to fire.';
  return '';
}

/** Sends one action to the engine; a refused one is said in a toast and kept in the player's log. */
export async function act(action: Action): Promise<boolean> {
  if (app.busy) return false;
  setBusy(true);
  renderPhases();
  try {
    const r = await engine.act(action);
    const at = app.state ? fromMinutes(app.state.time) : '';
    recordOrder({ turn: app.state?.turn ?? 0, at, text: orderText(ctxOrThrow(), action), ...(r.rejected ? { rejected: r.rejected } : {}) });
    if (r.rejected) { toast(`Not allowed: ${r.rejected}`, true); refreshLog(); return false; }
    const before = app.state ? fullLog(app.state).length : 0;
    aimAttack(null);
    showPlayed(r);
    const news = fullLog(r.state).slice(before).filter((e) => e.kind === 'combat' || e.kind === 'bombardment');
    if (news.length) toast(eventText(ctxOrThrow(), news[news.length - 1]));
    return true;
  } catch (e) {
    toast(errorText(e), true);
    return false;
  } finally {
    setBusy(false);
    renderPhases();
  }
}

function ctxOrThrow() {
  if (!app.ctx) throw new Error('no scenario loaded');
  return app.ctx;
}

/** Gives an order from the panel or the keyboard; a refused one is said in the log and a toast. */
export async function giveOrder(o: OrderChoice): Promise<void> {
  const ctx = app.ctx;
  if (!ctx || !app.state) return;
  if (o.reason) {
    recordOrder({ turn: app.state.turn, at: fromMinutes(app.state.time), text: o.label.replace(/…$/, ''), rejected: o.reason });
    toast(`Not allowed: ${o.reason}`, true);
    refreshLog();
    return;
  }
  if (o.pick) {
    startPick(o.pick);
    hint(`Click the hex to ${pickVerb(o.pick.kind)}; Esc cancels.`);
    renderUnitPanel();
    return;
  }
  for (const a of o.actions) if (!(await act(a))) break;
  if (o.actions.length) toast(o.actions.map((a) => orderText(ctx, a)).join('; '));
}

/** Ends the player's phase (or turn): the engine plays the other side until the player's next phase. */
export async function endPhase(turn: boolean): Promise<void> {
  if (app.mode !== 'play' || app.busy || !app.waiting) return;
  setBusy(true);
  renderPhases();
  hint(`The engine is playing the ${sideName(enemyOf(app.side))} side…`);
  try {
    const before = app.state ? fullLog(app.state).length : 0;
    const r = await engine.end(turn);
    phaseEnded(r.waiting);
    showPlayed(r);
    const fights = fullLog(r.state).slice(before).filter((e) => e.kind === 'combat').length;
    hint(mailHint() ?? (r.state.finished ? 'The scenario has ended. See the Losses tab, or save the replay.' : `${fights ? `${fights} ${fights === 1 ? 'attack' : 'attacks'} — see the log. ` : ''}${phaseHint()}`));
  } catch (e) {
    toast(errorText(e), true);
  } finally {
    setBusy(false);
    renderPhases();
  }
}

/** Downloads the game played so far as a replay file. */
export async function saveReplay(): Promise<void> {
  try {
    const rp = await engine.saveReplay();
    const blob = new Blob([JSON.stringify(rp) + '\n'], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${rp.scenario.id}-seed${rp.seed}-${app.side}.replay.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  } catch (e) {
    toast(errorText(e), true);
  }
}
