// The page's buttons and fields: the top bar (scenario, seed, modes, replay file), the play and
// replay controls, the tabs, help and legend, and the buttons the Unit tab draws.
import { app, closeHexForms } from '../app-state.ts';
import { bindAttackPreview } from '../attack-preview.ts';
import { refreshInteraction } from '../choices.ts';
import { $, toast, toggleHelp } from '../dom.ts';
import { openReplayFile } from '../modes/open-replay.ts';
import { act, endPhase, giveOrder, saveReplay, startPlay } from '../modes/play.ts';
import { scrubTo, startReplay, togglePlay } from '../modes/replay.ts';
import { chooseScenario } from '../modes/view.ts';
import { setTab } from '../screen.ts';
import { select } from '../selection.ts';
import { renderUnitPanel } from '../unit-panel.ts';

export function bindControls(): void {
  $('scenario').addEventListener('change', (e) => void chooseScenario((e.target as HTMLSelectElement).value));
  $('seed').addEventListener('change', () => { if (app.ctx && app.mode === 'view') void chooseScenario(app.file); });
  $('play-allied').addEventListener('click', () => void startPlay('allied'));
  $('play-german').addEventListener('click', () => void startPlay('german'));
  $('watch').addEventListener('click', () => void startReplay());
  $('replay-file').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    (e.target as HTMLInputElement).value = '';
    if (f) void openReplayFile(f);
  });
  $('end-phase').addEventListener('click', () => void endPhase(false));
  $('end-turn').addEventListener('click', () => void endPhase(true));
  $('save-replay').addEventListener('click', () => void saveReplay());
  $('play-pause').addEventListener('click', () => togglePlay());
  $('timeline').addEventListener('input', (e) => {
    const v = Number((e.target as HTMLInputElement).value);
    // On the last frame while the engine still computes, the replay follows the new ones.
    scrubTo(v, v === app.frames.length - 1 && !app.runDone);
  });
  $('help-btn').addEventListener('click', () => toggleHelp());
  $('help-close').addEventListener('click', () => toggleHelp());
  $('legend-btn').addEventListener('click', () => { $('legend').hidden = !$('legend').hidden; });
  document.querySelectorAll<HTMLButtonElement>('#tabs button').forEach((b) => b.addEventListener('click', () => setTab(b.dataset.tab!)));
  bindUnitPanel($('tab-unit'));
  bindAttackPreview($('tab-unit'), () => (app.ctx && app.state && app.attackTarget !== null ? { ctx: app.ctx, s: app.state, target: app.attackTarget } : null));
}

/** The Unit tab is redrawn often: its buttons are handled here, once, by delegation. */
function bindUnitPanel(el: HTMLElement): void {
  el.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button');
    if (!b || b.disabled || !el.contains(b)) return;
    if (b.dataset.order !== undefined) {
      const o = app.orders[Number(b.dataset.order)];
      if (o) void giveOrder(o);
    } else if (b.dataset.unit !== undefined) select([b.dataset.unit], true);
    else if (b.dataset.do === 'attack') attackFromForm(el);
    else if (b.dataset.do === 'cancel-attack') {
      closeHexForms();
      refreshInteraction();
      renderUnitPanel();
    }
  });
}

function attackFromForm(el: HTMLElement): void {
  const units = [...el.querySelectorAll<HTMLInputElement>('input[name="att"]:checked')].map((i) => i.value);
  const artillery = [...el.querySelectorAll<HTMLInputElement>('input[name="art"]:checked')].map((i) => i.value);
  if (!units.length) { toast('Choose at least one attacking unit', true); return; }
  if (app.attackTarget !== null) void act({ type: 'attack', units, target: app.attackTarget, artillery });
}
