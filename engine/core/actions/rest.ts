// A unit stands down to rest: no movement this turn, fatigue falls faster.
import { standStill } from './stand-still.ts';

export const rest = standStill('rest', 'rest', 'rests');
