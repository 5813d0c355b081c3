// Every test runs with frozen engine states, so a write to a state outside the reducer throws.
import { freezeStates } from '../engine/core/immer.ts';

freezeStates(true);
