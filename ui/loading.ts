// The start-up progress bar: the page shows it before any script runs (index.html); the steps of
// the start move it on, and the first usable map takes it away.
import { $ } from './dom.ts';

const STEPS = ['Starting the renderer…', 'Reading the scenario list…', 'Loading the scenario and its map…', 'Drawing the map…'];

/** Step `i` of the start (0-based) is under way. */
export function loadingStep(i: number): void {
  const el = $('loading');
  if (!el) return;
  $('loading-text').textContent = STEPS[Math.min(i, STEPS.length - 1)];
  $<HTMLProgressElement>('loading-bar').value = (i + 1) / (STEPS.length + 1);
}

export function loaded(): void {
  $('loading')?.remove();
}
