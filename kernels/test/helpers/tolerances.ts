import type { IndicatorDefinition, Params } from '../../src/types.ts';
import type { Tolerance } from './compare.ts';
import { compute } from '../../src/index.ts';
import { hilbertTolerance, LIBM_DEPENDENT } from './hilbert.ts';

const EPS = 2 ** -52;

/**
 * Bollinger Bands compute sd = sqrt(mean(x^2) - mean^2). Where the window is nearly flat the
 * difference is rounding noise of size ~eps * mean(x^2), and sqrt turns noise of v into sqrt(v):
 * any two implementations that round differently (TA-Lib's sequential sums, our pairwise SIMD sums)
 * disagree there by up to |dev| * sqrt(k * eps * mean(x^2)), whatever the relative tolerance. This is
 * the allowance, per band, for that cancellation (k = 64 rounding errors).
 */
function cancellation(x: Float64Array, period: number, dev: number): (i: number) => number {
  return (i) => {
    let sq = 0;
    for (let j = Math.max(0, i - period + 1); j <= i; j++) sq += x[j]! * x[j]!;
    return Math.abs(dev) * Math.sqrt(64 * EPS * (sq / period));
  };
}

function bbandsCancellation(inputs: Record<string, Float64Array>, params: Params, output: string): ((i: number) => number) | undefined {
  if (output === 'middle') return undefined;
  return cancellation(inputs.close!, params.period!, output === 'upper' ? params.devUp! : params.devDown!);
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
  return cancellation(inputs.close!, params.period!, params.nbDev!);
}

/**
 * Stochastic RSI divides by the RSI's range over the last fastK values: %K = 100 * (rsi - min) /
 * (max - min). Where the RSI barely moves (a flat price stretch leaves it constant up to rounding)
 * that range is rounding noise, and an RSI error of d (what the base tolerance allows the RSI, at
 * most rel * 100) moves %K by up to 100 * 2d / range, capped at the full scale 100. %D averages %K.
 */
function stochRsiConditioning(inputs: Record<string, Float64Array>, params: Params, output: string, base: Tolerance): (i: number) => number {
  const rsi = compute('rsi', { close: inputs.close! }, { period: params.period! }, { kernel: 'typescript' }).outputs.rsi!;
  const k = params.fastK!;
  const d = 100 * base.rel;
  const extraK = new Float64Array(rsi.length);
  for (let i = 0; i < rsi.length; i++) {
    let hi = -Infinity, lo = Infinity;
    for (let j = Math.max(0, i - k + 1); j <= i; j++) {
      hi = Math.max(hi, rsi[j]!);
      lo = Math.min(lo, rsi[j]!);
    }
    const range = hi - lo;
    extraK[i] = range > 2 * d ? Math.min(100, (100 * 2 * d) / (range - 2 * d)) : 100;
  }
  if (output === 'fastK') return (i) => extraK[i]!;
  const fd = params.fastD!;
  return (i) => {
    let sum = 0;
    for (let j = Math.max(0, i - fd + 1); j <= i; j++) sum += extraK[j]!;
    return sum / fd;
  };
}

/** The tolerance for one output of one indicator, given a base tolerance. */
export function toleranceFor(def: IndicatorDefinition, base: Tolerance, inputs: Record<string, Float64Array>, params: Params, output: string): Tolerance {
  if (LIBM_DEPENDENT.has(def.id)) return hilbertTolerance(def, base, inputs, params, output);
  if (def.id === 'stddev') {
    return { ...base, extra: stddevCancellation(inputs, params) };
  }
  if (def.id === 'bbands') {
    const extra = bbandsCancellation(inputs, params, output);
    return extra ? { ...base, extra } : base;
  }
  if (def.id === 'trix' && base.rel > 0) return { ...base, extra: () => TRIX_RATIO };
  if (def.id === 'stochrsi') return { ...base, extra: stochRsiConditioning(inputs, params, output, base) };
  return base;
}
