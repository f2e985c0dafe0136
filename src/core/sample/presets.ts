/**
 * Named sizes: `sample` is what ships in public/sample (small, fast first load);
 * `s`, `m`, `l` are bench inputs of roughly 100 MB, 500 MB and 1 GB in total.
 */
import type { SampleParams } from './params.js';

/** Size names accepted by `scripts/generate-sample.ts --size`. */
export type SampleSize = 'sample' | 's' | 'm' | 'l';

/** Parameters of each size (the rest come from `DEFAULT_PARAMS`). */
export const SIZE_PRESETS: Record<SampleSize, Partial<SampleParams>> = {
  sample: { customers: 300, months: 24, eventsPerActiveDay: 2, eventSampleRate: 0.02 },
  s: { customers: 10_000, months: 36, eventsPerActiveDay: 1.8, eventSampleRate: 0.02 },
  m: { customers: 50_000, months: 36, eventsPerActiveDay: 1.8, eventSampleRate: 0.02 },
  l: { customers: 100_000, months: 36, eventsPerActiveDay: 1.8, eventSampleRate: 0.02 },
};

/** True when `s` names a size preset. */
export function isSampleSize(s: string): s is SampleSize {
  return Object.prototype.hasOwnProperty.call(SIZE_PRESETS, s);
}
