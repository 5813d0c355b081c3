// The paired comparison's statistics live in engine/core/stats/paired.ts (the browser's what-if
// tab uses the same function, so the two agree); here is what only the Node commands need.
import type { Holder } from './batch/record.ts';
import type { ShareChange } from '../core/stats/paired.ts';

export {
  BOOTSTRAP_RESAMPLES, CI_METHOD, type FigureComparison, type Paired, type ShareChange, bootstrapCis, figureComparison, paired, shareChange,
} from '../core/stats/paired.ts';

export interface ObjectiveComparison { name: string; held: Record<Holder, ShareChange> }
