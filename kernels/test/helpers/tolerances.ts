import type { IndicatorDefinition, Params } from '../../src/types.ts';
import { EXACT, type Tolerance } from './compare.ts';
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

/**
 * VAR is mean(x^2) - mean^2 from running sums, with no sqrt: where the variance is small against
 * mean(x^2) the difference keeps the sums' absolute rounding error, which two runs whose re-sum blocks
 * start at different bars do not share. Each of the up to max(1024, period) steps between re-sums
 * rounds the sum of squares by about eps * period * mean(x^2); accumulated like a random walk, with a
 * factor 8 of margin: 8 * sqrt(2 * steps) * eps * mean(x^2), absolute.
 */
function varianceCancellation(inputs: Record<string, Float64Array>, params: Params): (i: number) => number {
  const x = inputs.close!;
  const period = params.period!;
  const steps = Math.max(1024, period) + period;
  return (i) => {
    let sq = 0;
    for (let j = Math.max(0, i - period + 1); j <= i; j++) sq += x[j]! * x[j]!;
    return 8 * Math.sqrt(2 * steps) * EPS * (sq / period);
  };
}

/** m[i] = max |v[j]| over j in [i - span, i], by a monotone deque. */
function rollingMaxAbs(v: ArrayLike<number>, span: number): Float64Array {
  const m = new Float64Array(v.length);
  const q: number[] = [];
  let front = 0;
  for (let i = 0; i < v.length; i++) {
    while (q.length > front && Math.abs(v[q[q.length - 1]!]!) <= Math.abs(v[i]!)) q.pop();
    q.push(i);
    if (q[front]! < i - span) front++;
    m[i] = Math.abs(v[q[front]!]!);
  }
  return m;
}

/**
 * BETA and CORREL divide running-sum differences (n*Sxx - Sx^2 and the like) by each other. Between
 * re-sums every sum carries the roundings of up to `steps` additions and subtractions, each up to eps
 * times the largest term that passed through it (a one-bar spike's return, squared, stays in the sum's
 * rounding long after it left the window). Two runs whose re-sum blocks start at different bars do not
 * share those errors. The allowance propagates, per sum, the worst case 2 * steps * eps * n * (largest
 * term over the last `steps` bars) through the formula, to first order; where a variance sum is within
 * that error of zero the output is rounding noise, and any value in [-1, 1] (CORREL) is allowed.
 */
function twoSeriesConditioning(def: IndicatorDefinition, inputs: Record<string, Float64Array>, params: Params): (i: number) => number {
  const n = params.period!;
  const steps = Math.max(1024, n) + n;
  const c = 2 * steps * EPS * n;
  const beta = def.id === 'beta';
  const p0 = inputs.real0!, p1 = inputs.real1!;
  const ret = (p: Float64Array, i: number) => (i === 0 || Math.abs(p[i - 1]!) < 1e-14 ? 0 : (p[i]! - p[i - 1]!) / p[i - 1]!);
  const x = beta ? p0.map((_, i) => ret(p0, i)) : p0;
  const y = beta ? p1.map((_, i) => ret(p1, i)) : p1;
  let big: Float64Array[] | undefined;
  return (i) => {
    big ??= [x, y, x.map((v) => v * v), y.map((v) => v * v), x.map((v, j) => v * y[j]!)].map((t) => rollingMaxAbs(t, steps));
    // Before `steps` bars the sums may carry bars this input does not show (a suffix of a longer
    // series): the largest term of its first `steps` bars stands in for them.
    const at = (m: Float64Array) => (i >= steps ? m[i]! : Math.max(m[i]!, m[Math.min(m.length - 1, steps)]!));
    const [dx, dy, dxx, dyy, dxy] = big.map((m) => c * at(m)) as [number, number, number, number, number];
    let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (let j = i - n + 1; j <= i; j++) {
      sx += x[j]!;
      sy += y[j]!;
      sxx += x[j]! * x[j]!;
      syy += y[j]! * y[j]!;
      sxy += x[j]! * y[j]!;
    }
    if (beta) {
      const d = Math.abs(n * sxx - sx * sx);
      const b = Math.abs(n * sxy - sx * sy) / d;
      return (n * dxy + Math.abs(sy) * dx + Math.abs(sx) * dy) / d + (b * (n * dxx + 2 * Math.abs(sx) * dx)) / d;
    }
    const a = sxx - (sx * sx) / n, b = syy - (sy * sy) / n;
    const da = dxx + (2 * Math.abs(sx) * dx) / n, db = dyy + (2 * Math.abs(sy) * dy) / n;
    if (a <= 2 * da || b <= 2 * db) return 2;
    const r = Math.abs(sxy - (sx * sy) / n) / Math.sqrt(a * b);
    const dc = dxy + (Math.abs(sx) * dy + Math.abs(sy) * dx) / n;
    return dc / Math.sqrt(a * b) + (r / 2) * (da / a + db / b);
  };
}

/** The tolerance for one output of one indicator, given a base tolerance. */
export function toleranceFor(def: IndicatorDefinition, base: Tolerance, inputs: Record<string, Float64Array>, params: Params, output: string): Tolerance {
  if ((def.id === 'beta' || def.id === 'correl') && base.rel > 0) return { ...base, extra: twoSeriesConditioning(def, inputs, params) };
  if (def.id === 'var') return { ...base, extra: varianceCancellation(inputs, params) };
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

/**
 * How closely the reference kernels follow TA-Lib: bit for bit, but for LINEARREG_ANGLE, where TA-Lib's
 * value goes through the C library's atan, which is not correctly rounded (glibc's is off by an ulp on
 * about 1 argument in 1200) while ours is: one ulp of atan, then the product by 180 / pi, is 2 ulp.
 */
export function referenceTolerance(def: IndicatorDefinition, inputs: Record<string, Float64Array>, params: Params, output: string): Tolerance {
  if (def.id === 'linearreg_angle') return { rel: 2 * EPS };
  return LIBM_DEPENDENT.has(def.id) ? hilbertTolerance(def, EXACT, inputs, params, output) : EXACT;
}
