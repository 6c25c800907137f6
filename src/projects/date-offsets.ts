// The participants' date offsets as the de-identification spec computes them (DEID-SPEC section 4): keyed
// by the installation's secret key, so the same (project, participant) always gets the same offset.
import type { FionaConfig } from '../platform/config.js';
import { loadSecretKey } from '../platform/secret.js';
import { dateOffsetDays } from '../pipeline/deid/dates.js';
import type { DateOffsetFn } from './participants-service.js';

/** Keyed offsets; the key is read (or created in the data dir) when the first participant needs one. */
export function keyedDateOffsets(config: Pick<FionaConfig, 'dataDir' | 'deid'>): DateOffsetFn {
  let key: Buffer | undefined;
  return (project, participant, options) => dateOffsetDays((key ??= loadSecretKey(config)), project, participant, options);
}
