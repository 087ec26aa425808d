import type { IndicatorDefinition, Params } from '../../src/types.ts';
import type { Tolerance } from './compare.ts';

const EPS = 2 ** -52;

/**
 * Bollinger Bands compute sd = sqrt(mean(x^2) - mean^2). Where the window is nearly flat the
 * difference is rounding noise of size ~eps * mean(x^2), and sqrt turns noise of v into sqrt(v):
 * any two implementations that round differently (TA-Lib's sequential sums, our pairwise SIMD sums)
 * disagree there by up to |dev| * sqrt(k * eps * mean(x^2)), whatever the relative tolerance. This is
 * the allowance, per band, for that cancellation (k = 64 rounding errors).
 */
function bbandsCancellation(inputs: Record<string, Float64Array>, params: Params, output: string): ((i: number) => number) | undefined {
  if (output === 'middle') return undefined;
  const x = inputs.close!;
  const p = params.period!;
  const dev = Math.abs(output === 'upper' ? params.devUp! : params.devDown!);
  return (i) => {
    let sq = 0;
    for (let j = Math.max(0, i - p + 1); j <= i; j++) sq += x[j]! * x[j]!;
    return dev * Math.sqrt(64 * EPS * (sq / p));
  };
}

/**
 * TRIX is 100 * (e3 / e3[-1] - 1): a relative rounding difference of d in the triple EMAs becomes an
 * absolute one of about 100 * 2d percentage points, however small TRIX itself is (it shrinks like
 * 1 / period^2). Kernels that round the EMAs differently (four-bar steps) differ by a few eps in e3
 * (4 eps seen); this allows 64 eps, absolute.
 */
const TRIX_RATIO = 100 * 64 * EPS;

/** STDDEV computes the same sqrt(mean(x^2) - mean^2) as the bands: the same allowance, times |nbDev|. */
function stddevCancellation(inputs: Record<string, Float64Array>, params: Params): (i: number) => number {
  const x = inputs.close!;
  const p = params.period!;
  const dev = Math.abs(params.nbDev!);
  return (i) => {
    let sq = 0;
    for (let j = Math.max(0, i - p + 1); j <= i; j++) sq += x[j]! * x[j]!;
    return dev * Math.sqrt(64 * EPS * (sq / p));
  };
}

/** The tolerance for one output of one indicator, given a base tolerance. */
export function toleranceFor(def: IndicatorDefinition, base: Tolerance, inputs: Record<string, Float64Array>, params: Params, output: string): Tolerance {
  if (def.id === 'stddev') {
    return { ...base, extra: stddevCancellation(inputs, params) };
  }
  if (def.id === 'bbands') {
    const extra = bbandsCancellation(inputs, params, output);
    return extra ? { ...base, extra } : base;
  }
  if (def.id === 'trix' && base.rel > 0) return { ...base, extra: () => TRIX_RATIO };
  return base;
}
