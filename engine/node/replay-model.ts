// Whether a replay file was recorded by the model that would play it now (its fingerprint), for
// `cassino replay` and `cassino validate`.
import { DataError } from '../core/data-error.ts';
import type { ReplayFile } from '../core/replay.ts';
import { describeMismatch, fingerprintOf } from './provenance.ts';

/**
 * What differs between the model a replay was recorded with and this one. A replay of another
 * scenario content or other parameters is refused (its actions were decided in another game); one
 * of other engine code or another Node is played, and the difference is said beside the verdict
 * (a behaviour-preserving change of the engine still verifies).
 */
export async function otherModel(rp: ReplayFile, scenarioFile: string, file: string, params?: string): Promise<string | null> {
  if (!rp.fingerprint) return null;
  const current = await fingerprintOf({ scenario: scenarioFile, ...(rp.fingerprint.parts.plan === 'none' ? { noPlan: true } : {}), ...(params !== undefined ? { params } : {}) });
  const why = describeMismatch(rp.fingerprint, current);
  const model = (['scenario', 'params', 'whatIf'] as const).some((p) => rp.fingerprint!.parts[p] !== current.parts[p]);
  if (why && model) throw new DataError(file, [{ path: 'fingerprint', message: `the replay was ${why}` }]);
  return why;
}
