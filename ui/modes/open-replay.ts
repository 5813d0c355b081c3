// Opening a replay file: its scenario is loaded if another is shown, then the engine checks the
// file turn by turn and replays it.
import type { ReplayFile } from '../../engine/core/index.ts';
import { app } from '../app-state.ts';
import { errorText } from '../data.ts';
import { $, toast } from '../dom.ts';
import { startReplay } from './replay.ts';
import { chooseScenario } from './view.ts';

export async function openReplayFile(f: File): Promise<void> {
  let rp: ReplayFile;
  try {
    rp = JSON.parse(await f.text()) as ReplayFile;
  } catch (e) {
    toast(`${f.name}: not valid JSON (${errorText(e)})`, true);
    return;
  }
  const id = rp?.scenario?.id;
  const head = app.heads.find((h) => h.id === id);
  if (!head) { toast(`${f.name}: no scenario "${id}" in this build`, true); return; }
  if (head.file !== app.file || !app.ctx) await chooseScenario(head.file);
  if (!app.ctx) return;
  $<HTMLInputElement>('seed').value = rp.seed;
  await startReplay(rp, f.name);
}
