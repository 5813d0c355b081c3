// Opening a replay file: its scenario is loaded if another is shown, then the engine checks the
// file turn by turn and replays it.
import { DataError, MAX_FILE_BYTES, checkJsonDepth, type ReplayFile } from '../../engine/core/index.ts';
import { app } from '../app-state.ts';
import { errorText } from '../data.ts';
import { $, toast } from '../dom.ts';
import { takeUp } from './keep.ts';
import { startReplay } from './replay.ts';
import { chooseScenario } from './view.ts';

export async function openReplayFile(f: File): Promise<void> {
  // A file someone sent: its size and nesting are checked before it is read and parsed, as the
  // command line checks them (engine/core/input-limits.ts).
  if (f.size > MAX_FILE_BYTES) {
    toast(`${f.name}: larger than the limit of ${MAX_FILE_BYTES / 1024 / 1024} MiB for an input file (a campaign replay is about 2.3 MiB)`, true);
    return;
  }
  let rp: ReplayFile;
  try {
    const text = await f.text();
    checkJsonDepth(text, f.name);
    rp = JSON.parse(text) as ReplayFile;
  } catch (e) {
    if (e instanceof DataError) { toast(e.message, true); return; }
    toast(`${f.name}: not valid JSON (${errorText(e)})`, true);
    return;
  }
  const id = rp?.scenario?.id;
  const head = app.heads.find((h) => h.id === id);
  if (!head) { toast(`${f.name}: no scenario "${id}" in this build`, true); return; }
  if (head.file !== app.file || !app.ctx) await chooseScenario(head.file);
  if (!app.ctx) return;
  $<HTMLInputElement>('seed').value = rp.seed;
  // A game saved part-way through a phase was sent to be played on (by e-mail): the side it waits
  // for plays its move, once the engine has checked every turn and hand-off of its history.
  if (rp.waitingFor) await takeUp(rp.waitingFor, { replay: rp, file: f.name, mail: true, seed: rp.seed });
  else await startReplay(rp, f.name);
}
