// Replay mode: the engine plays a game (the historical plan, or a saved replay it checks) and
// streams its turns as frames; the timeline, play/pause and [ ] scrub through them.
import type { GameState, ReplayFile } from '../../engine/core/index.ts';
import {
  app, applyFrame, enterReplay, isCurrent, replayFinished, setFollow, setPlayTimer, showFrame,
} from '../app-state.ts';
import { errorText } from '../data.ts';
import { dayOrNight, longDate } from '../describe.ts';
import { $, hint, seedInput, toast } from '../dom.ts';
import { renderAll, showState } from '../screen.ts';
import { engine, view } from '../services.ts';
import { updateModeButtons } from './buttons.ts';

/** Replays the historical plan, or checks and replays a saved file. */
export async function startReplay(file?: ReplayFile, fileName?: string): Promise<void> {
  const ctx = app.ctx;
  if (!ctx) return;
  stopPlaying();
  engine.restart();
  await engine.load(app.file);
  const gen = app.generation;
  enterReplay(file ? file.seed : seedInput(ctx.scenario.defaultSeed));
  view.viewer = 'allied';
  view.setLastSeen([]);
  updateModeButtons();
  hint(file ? 'Checking the replay against the engine…' : 'The engine is playing the historical plan…');
  const onFrame = (i: number, s: GameState) => {
    if (!isCurrent(gen)) return;
    applyFrame(i, s);
    $<HTMLInputElement>('timeline').max = String(app.frames.length - 1);
    if (app.follow) setFrame(app.frames.length - 1);
    else updateTimelineLabel();
  };
  try {
    const done = file ? await engine.replay(file, onFrame, fileName) : await engine.historical(app.seed, onFrame);
    if (!isCurrent(gen)) return;
    replayFinished({ finalHash: done.finalHash, turns: done.turns, computeMs: done.computeMs }, done.check ? { ...done.check, finalHash: done.finalHash } : null);
    if (done.check) toast(done.check.message, !done.check.ok);
    hint(`${done.turns} turns computed in ${(done.computeMs / 1000).toFixed(1)} s · final state hash ${done.finalHash}${done.check ? ` · ${done.check.message}` : ''}`);
    updateTimelineLabel();
    renderAll();
  } catch (e) {
    if (isCurrent(gen)) toast(errorText(e), true);
  }
}

export function setFrame(i: number): void {
  if (!app.frames.length) return;
  showFrame(i);
  $<HTMLInputElement>('timeline').value = String(app.frame);
  showState(app.frames[app.frame]);
  updateTimelineLabel();
}

/** The player moves the timeline: it stops following new frames unless put on the last one. */
export function scrubTo(i: number, follow = false): void {
  setFollow(follow);
  setFrame(i);
}

function updateTimelineLabel(): void {
  const s = app.frames[app.frame];
  if (!s) { $('timeline-label').textContent = ''; return; }
  const total = s.lastTurn + 1;
  // One turn number for a frame, the one the situation panel gives: frame k is the start of turn k + 1.
  const label = s.finished ? `End, after turn ${s.turnHashes.length} of ${total}` : `${app.frame === 0 ? 'Start, turn' : 'Turn'} ${Math.min(s.turn, s.lastTurn) + 1} of ${total}`;
  const w = s.weather;
  $('timeline-label').textContent = `${label} · ${longDate(s.time)} ${dayOrNight(s.time) === 'night' ? '☾ night' : '☀ day'} · ${w.condition.replace('-', ' ')}, ground ${w.ground}${w.air ? '' : ', no flying'}${app.runDone ? '' : ' · computing…'}`;
}

export function stopPlaying(): void {
  if (app.playing) clearInterval(app.playing);
  setPlayTimer(null);
  $('play-pause').textContent = '▶';
}

export function togglePlay(): void {
  if (app.mode !== 'replay') return;
  if (app.playing) { stopPlaying(); return; }
  if (app.frame >= app.frames.length - 1) setFrame(0);
  $('play-pause').textContent = '⏸';
  setFollow(false);
  setPlayTimer(setInterval(() => {
    if (app.frame >= app.frames.length - 1) { if (app.runDone) stopPlaying(); return; }
    setFrame(app.frame + 1);
  }, 900));
}
