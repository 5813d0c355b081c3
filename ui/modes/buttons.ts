// The top bar's mode buttons and the controls of the mode shown (play or replay).
import { app } from '../app-state.ts';
import { $ } from '../dom.ts';

export function updateModeButtons(): void {
  $('play-allied').classList.toggle('active', app.mode === 'play' && app.side === 'allied');
  $('play-german').classList.toggle('active', app.mode === 'play' && app.side === 'german');
  $('watch').classList.toggle('active', app.mode === 'replay');
  $('play-controls').hidden = app.mode !== 'play';
  $('replay-controls').hidden = app.mode !== 'replay';
  const ok = !!app.ctx;
  for (const id of ['play-allied', 'play-german', 'watch']) $<HTMLButtonElement>(id).disabled = !ok;
}
