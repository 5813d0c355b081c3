// Keeping a game: every state the engine sends in play goes through here (fog of war, the real
// hash, the orders that can be taken back, whose move it is between two people); undo within the
// phase; "Continue from here" on a replay; a saved game opened to be played on (play by e-mail:
// the file says whose move it is, and the worker refuses one whose history does not verify);
// hot-seat hand-over.
import type { GameState, ReplayFile, Side } from '../../engine/core/index.ts';
import { app, enterPlay, setBusy, setWaiting } from '../app-state.ts';
import type { EngineClient } from '../client.ts';
import { errorText } from '../data.ts';
import { sideName } from '../describe.ts';
import { $, hint, toast } from '../dom.ts';
import { fogged, resetSightings, setFog } from '../fog.ts';
import { showState } from '../screen.ts';
import { engine, view } from '../services.ts';
import { renderPhases } from '../situation.ts';
import { updateModeButtons } from './buttons.ts';
import { stopPlaying } from './replay.ts';
import { chooseScenario } from './view.ts';

type Played = Awaited<ReturnType<EngineClient['act']>>;

/** What the engine last said about the game in play (read by the controls and the browser tests). */
export const keep = { hash: '', next: null as Side | null, undo: 0, mail: false, message: '' };
/** The whole state of the game in play (the one shown may be fogged). */
let truth: GameState | null = null;

/** Puts a state the engine sent in play on screen, as the player's side sees it. */
export function showPlayed(r: Played): void {
  Object.assign(keep, { hash: r.hash ?? '', next: r.next ?? null, undo: r.undo ?? 0 });
  if (r.message) keep.message = r.message;
  truth = r.state;
  // Between two people, the game waits for the other side: not this player's move.
  if (keep.mail && keep.next && keep.next !== app.side) setWaiting(false);
  showState(fogged(r.state));
  updateKeepControls();
}

export function updateKeepControls(): void {
  // Not tied to `busy`: an order in progress ends by drawing its state here, before busy is cleared.
  $<HTMLButtonElement>('undo').disabled = keep.undo === 0;
  const handOver = keep.mail && keep.next !== null && keep.next !== app.side && !!app.state && !app.state.finished;
  $('hand-over').style.display = handOver ? '' : 'none';
  if (handOver) $('hand-over').textContent = `Hand over to the ${sideName(keep.next!)} player`;
}

/** Between two people, once the player's part is done: what to do with the game. */
export function mailHint(): string | null {
  if (!keep.mail || !keep.next || keep.next === app.side || app.state?.finished) return null;
  return `Your ${app.state?.phase ?? ''} orders are in. Save the game and send the file to the ${sideName(keep.next)} player, or hand over the screen (hot-seat).`;
}

async function request(what: string, f: () => Promise<Played>): Promise<Played | null> {
  setBusy(true);
  renderPhases();
  hint(what);
  try {
    return await f();
  } catch (e) {
    toast(errorText(e), true);
    hint(errorText(e));
    return null;
  } finally {
    setBusy(false);
    renderPhases();
    updateKeepControls();
  }
}

/** Takes back the last order of this phase (`all`: every order of the phase). */
export async function undoOrder(all = false): Promise<void> {
  if (app.mode !== 'play' || app.busy || keep.undo === 0) return;
  const r = await request('Taking the order back…', () => engine.undo(all));
  if (r) { showPlayed(r); hint(all ? 'Every order of this phase taken back.' : 'Last order taken back.'); }
}

/**
 * Plays on a saved game as `side`: from turn `fromTurn` of the game last replayed (Continue from
 * here), or from where a file ends (a game sent by e-mail: `mail`, both sides people).
 */
export async function takeUp(side: Side, o: { replay?: ReplayFile; file?: string; fromTurn?: number; mail: boolean; seed: string }): Promise<boolean> {
  stopPlaying();
  // A file starts afresh; "Continue from here" takes up the game the worker has just replayed.
  if (o.replay) { engine.restart(); await engine.load(app.file); }
  enterPlay(side, o.seed);
  keep.mail = o.mail;
  keep.message = '';
  view.viewer = side;
  resetSightings();
  updateModeButtons();
  const assist = $<HTMLInputElement>('assist').checked;
  const r = await request('Checking the saved game against the engine…', () => engine.continueGame(o.replay, { file: o.file, side, assist, fromTurn: o.fromTurn, mail: o.mail }));
  if (!r) {
    // Refused (a history that does not verify): back to the scenario's opening, the reason in the toast.
    const reason = $('toast').textContent ?? '';
    await chooseScenario(app.file);
    toast(reason, true);
    return false;
  }
  setWaiting(r.waiting);
  showPlayed(r);
  toast(keep.message);
  hint(`${keep.message}. ${mailHint() ?? ''}`);
  return true;
}

/** Hot-seat: the other person takes the screen; the fog now hides what their side does not see. */
export function handOver(): void {
  if (!keep.next || keep.next === app.side) return;
  const side = keep.next;
  enterPlay(side, app.seed);
  view.viewer = side;
  resetSightings();
  updateModeButtons();
  setWaiting(true);
  if (truth) showState(fogged(truth));
  updateKeepControls();
  hint(`The ${sideName(side)} player's ${app.state?.phase ?? ''} orders.`);
}

/** The side a replay's "Continue from here" plays. */
export function continueSide(): Side {
  return ($<HTMLSelectElement>('continue-side').value as Side) || 'allied';
}

export function bindKeepControls(): void {
  $('undo').addEventListener('click', () => void undoOrder(false));
  $('hand-over').addEventListener('click', () => handOver());
  $<HTMLInputElement>('fog').addEventListener('change', (e) => {
    setFog((e.target as HTMLInputElement).checked);
    if (app.mode === 'play' && truth) showState(fogged(truth));
  });
  $('continue-here').addEventListener('click', () => {
    if (app.mode !== 'replay' || !app.runDone) { toast('Wait until the replay has been computed.', true); return; }
    void takeUp(continueSide(), { fromTurn: app.frame, mail: false, seed: app.seed });
  });
}
