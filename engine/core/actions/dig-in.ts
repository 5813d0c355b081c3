// A unit stays where it is and improves its positions (entrenchment grows with turns in place).
import { standStill } from './stand-still.ts';

export const digIn = standStill('digIn', 'defend', 'digs in');
