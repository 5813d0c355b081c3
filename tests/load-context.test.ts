// One loader (engine/core/load-context.ts) with two readers: Node's files (engine/node/files.ts)
// and the browser's bundled files (ui/data.ts) give the same game for every shipped scenario and
// what-if, and errors name the file in both.
import { describe, expect, it } from 'vitest';
import { loadContextSync } from '../engine/core/load-context.ts';
import { startGame } from '../engine/core/run.ts';
import { stateHash } from '../engine/core/engine.ts';
import { loadContext as nodeLoad, nodeReader, readWhatIf as nodeWhatIf } from '../engine/node/files.ts';
import { browserReader, loadContext as browserLoad, readWhatIf as browserWhatIf, scenarioFileNames, scenarioIdOf, whatIfFileNames } from '../ui/data.ts';

describe('loadContext with the Node and the browser reader', () => {
  it('every shipped scenario starts in the same state, read either way', async () => {
    for (const file of scenarioFileNames()) {
      const id = scenarioIdOf(file);
      const [node, browser] = [nodeLoad(id), await browserLoad(file)];
      expect(browser.scenario.units.length, file).toBe(node.scenario.units.length);
      expect(stateHash(startGame(browser, '1')), file).toBe(stateHash(startGame(node, '1')));
      expect(browser.params, file).toEqual(node.params);
    }
  });

  it('every shipped what-if gives the same scenario and parameters, read either way', async () => {
    for (const name of whatIfFileNames()) {
      const w = await browserWhatIf(name);
      const file = `${w.whatIf.scenario.id}.json`;
      const node = nodeLoad(w.whatIf.scenario.id, { whatIf: `scenarios/whatifs/${name}` });
      const browser = await browserLoad(file, w);
      expect(nodeWhatIf(`scenarios/whatifs/${name}`).whatIf, name).toEqual(w.whatIf);
      expect(stateHash(startGame(browser, '2')), name).toBe(stateHash(startGame(node, '2')));
      expect(browser.params, name).toEqual(node.params);
    }
  });

  it('a scenario the browser does not ship is an error naming the file', async () => {
    await expect(browserLoad('no-such-battle.json')).rejects.toThrow(/^scenarios\/no-such-battle\.json: file not found$/);
  });

  it('the synchronous loader refuses a reader that answers with promises, rather than loading half a scenario', () => {
    expect(() => loadContextSync(browserReader, 'scenarios/test-skirmish.json')).toThrow(/needs a reader that answers at once/);
    expect(loadContextSync(nodeReader, 'scenarios/test-skirmish.json').scenario.id).toBe('test-skirmish');
  });
});
