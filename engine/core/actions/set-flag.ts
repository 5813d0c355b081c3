// A side's decision recorded as a flag (e.g. "german.withdrawal-ordered"), logged with its text.
import { z } from 'zod';
import { side } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import { ACCEPTED, defineAction } from './action.ts';

export const setFlag = defineAction({
  type: 'setFlag',
  schema: z.strictObject({ type: z.literal('setFlag'), side, key: z.string().min(1, 'expected a flag name'), value: z.string(), text: z.string() }),
  phases: ['orders'],
  check(_ctx, _state, a) {
    if (!a.key.startsWith(`${a.side}.`)) return `a ${a.side} flag must start with "${a.side}."`;
    return a.text ? ACCEPTED : 'a flag needs a text for the log';
  },
  apply(_ctx, s, a) {
    s.flags[a.key] = a.value;
    log(s, { kind: 'flag', side: a.side, text: a.text, data: { key: a.key, value: a.value } });
  },
  hexes: () => [],
  units: () => [],
  describe: (a) => `${a.key}: ${a.value}`,
});
