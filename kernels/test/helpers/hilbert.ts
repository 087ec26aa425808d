// How far the Hilbert-transform family may be from TA-Lib, bar by bar. Its arithmetic is TA-Lib's step
// for step; only the libm differs (atan, sin, cos: glibc in TA-Lib, V8's and AssemblyScript's here;
// they disagree in the last bit for 2-3% of arguments). That is a relative difference of ~1e-15 for
// the continuous outputs, but the phase functions (HT_DCPHASE, HT_SINE, HT_TRENDMODE) take
// atan(real / imag) of a DFT which, over a flat stretch, is rounding noise: there the last bits
// decide the phase (and 180-degree flips, the 315-degree wrap, the 0/1 mode). This computes, from the
// reference's own DFT, which bars are so conditioned and how far a well-conditioned phase may move.
import type { IndicatorDefinition, Params } from '../../src/types.ts';
import { DEG2RAD, lastDft, mamaInit, mamaScratch, mamaUpdate, RAD2DEG, SMOOTH_PRICE_SIZE, type PhaseState } from '../../src/reference/hilbert.ts';
import { withDerived } from '../../src/define.ts';
import type { Tolerance } from './compare.ts';

const EPS = 2 ** -52;
/** Rounding and libm differences allowed per DFT term (in ulps of the term), generously. */
const ULPS_PER_TERM = 64;
/** Bars a wrong sine / lead-sine crossing keeps HT_TRENDMODE's day count below half a period (<= 25). */
const TREND_MEMORY = 26;
/** The first bar whose I1 is a real detrender value (the loop starts at 12; I1 lags six bars, plus two). */
const MAMA_CHAIN_FILLED = 20;

export const LIBM_DEPENDENT = new Set(['mama', 'ht_dcperiod', 'ht_phasor', 'ht_trendline', 'ht_dcphase', 'ht_sine', 'ht_trendmode']);
const PHASE_IDS = new Set(['ht_dcphase', 'ht_sine', 'ht_trendmode']);

/** The continuous outputs' allowance against TA-Lib (measured at worst 4e-12 of the output's scale). */
export const LIBM_RELATIVE: Tolerance = { rel: 1e-11, inputRel: 1e-13 };

interface PhaseBar {
  /** The phase may be anything (noise DFT, wrap, window length at a tie). */
  fragile: boolean;
  /** Otherwise how far (degrees) the phase may move. */
  dphi: number;
  sineGap: number;
  smoothPeriod: number;
  advance: number;
}

function nearInteger(v: number, within: number): boolean {
  return Math.abs(v - Math.round(v)) <= within;
}

/** Per bar of the reference's HT_DCPHASE stage over x: how well conditioned the phase is. */
function phaseBars(def: IndicatorDefinition, x: Float64Array, params: Params): PhaseBar[] {
  const p = withDerived(def.stream, params);
  const s = def.stream.init(p) as PhaseState;
  const bar = new Float64Array(1);
  const out = new Float64Array(def.outputs.length);
  const bars: PhaseBar[] = [];
  let prevPhase = 0;
  for (let i = 0; i < x.length; i++) {
    bar[0] = x[i]!;
    lastDft.real = lastDft.imag = NaN;
    def.stream.update(s, bar, out, p);
    if (Number.isNaN(lastDft.imag)) {
      bars.push({ fragile: false, dphi: 0, sineGap: Infinity, smoothPeriod: 0, advance: 0 });
      continue;
    }
    const sp = s.smoothPeriod;
    const periodInt = Math.trunc(sp + 0.5);
    const newest = (s.bars - 1 - 37) % SMOOTH_PRICE_SIZE;
    let absSum = 0;
    for (let k = 0, idx = newest; k < periodInt; k++, idx = idx === 0 ? SMOOTH_PRICE_SIZE - 1 : idx - 1) absSum += Math.abs(s.smoothPrices[idx]!);
    const e = ULPS_PER_TERM * EPS * absSum;
    const { real, imag } = lastDft;
    const phase = s.dcPhase;
    const dphi = periodInt < 2 ? 1e-9 : (RAD2DEG * e * (Math.abs(real) + Math.abs(imag))) / (real * real + imag * imag) + 1e-9;
    // Fewer than two terms: the DFT is exact (sin 0 = 0, cos 0 = 1) in every implementation.
    const fragile =
      (periodInt >= 2 && Math.abs(imag) <= e) ||
      !(dphi < 1) ||
      nearInteger(sp + 0.5, 1e-9) ||
      Math.abs(phase - 315) <= dphi || Math.abs(phase + 45) <= dphi;
    const sine = Math.sin(phase * DEG2RAD) - Math.sin((phase + 45) * DEG2RAD);
    bars.push({ fragile, dphi, sineGap: Math.abs(sine), smoothPeriod: sp, advance: phase - prevPhase });
    prevPhase = phase;
  }
  return bars;
}

/** HT_TRENDMODE: a bar whose comparisons are near ties (or whose phase is fragile). */
function trendFragile(b: PhaseBar, prev: PhaseBar): boolean {
  if (b.smoothPeriod === 0) return false; // before the Hilbert loop: no output depends on it
  if (b.fragile || prev.fragile) return true;
  const slack = 2 * (b.dphi + prev.dphi) * DEG2RAD + 1e-12;
  if (b.sineGap <= slack || prev.sineGap <= slack) return true;
  if (nearInteger(0.5 * b.smoothPeriod, 1e-9)) return true;
  const edgeSlack = b.dphi + prev.dphi + 1e-9;
  const sp = b.smoothPeriod;
  return Math.abs(b.advance - (0.67 * 360) / sp) <= edgeSlack || Math.abs(b.advance - (1.5 * 360) / sp) <= edgeSlack;
}

/** Extra allowance per bar for one output of a phase function over the close series `x`. */
function phaseAllowance(def: IndicatorDefinition, x: Float64Array, params: Params, output: string): (i: number) => number {
  const bars = phaseBars(def, x, params);
  if (def.id === 'ht_dcphase') return (i) => (bars[i]!.fragile ? 360 : bars[i]!.dphi);
  if (def.id === 'ht_sine') return (i) => (bars[i]!.fragile ? 2 : bars[i]!.dphi * DEG2RAD);
  void output;
  const loose = new Uint8Array(x.length);
  let until = -1;
  for (let i = 1; i < x.length; i++) {
    if (trendFragile(bars[i]!, bars[i - 1]!)) until = i + TREND_MEMORY;
    if (i <= until) loose[i] = 1;
  }
  return (i) => loose[i]!;
}

/**
 * MAMA's phase is atan(Q1 / I1), 0 where I1 is exactly 0. On a flat stretch I1 is 0 only if the WMA's
 * running sums repeat bit for bit, which depends on where the series started: a run started
 * elsewhere may see I1 = 1e-17 there, a phase of +-90 degrees and another alpha (as may TA-Lib, were
 * its sums to round differently). Such bars (I1 within 1e-9 of the price's scale) and the next one
 * (whose phase change reads it) may move MAMA by up to fastLimit * |price - MAMA|, FAMA by fastLimit *
 * |MAMA - FAMA| more; both then decay at least as fast as the smaller limit allows.
 */
function mamaAllowance(x: Float64Array, params: Params, output: string): (i: number) => number {
  const fast = params.fastLimit!, slow = params.slowLimit!;
  const keep = 1 - Math.min(fast, slow), keepFama = 1 - Math.min(fast, slow) / 2;
  const s = mamaInit(fast, slow);
  const bound = new Float64Array(x.length);
  let m = 0, f = 0, fragileBefore = false;
  for (let i = 0; i < x.length; i++) {
    const mamaBefore = s.mama, famaBefore = s.fama;
    mamaScratch.i1 = NaN;
    mamaUpdate(s, x[i]!);
    // I1 is exactly 0 by construction until the detrender chain has filled (loop bars 12..19), in every run.
    const looped = !Number.isNaN(mamaScratch.i1) && i >= MAMA_CHAIN_FILLED;
    const fragileNow = looped && Math.abs(mamaScratch.i1) <= 1e-9 * Math.abs(mamaScratch.smoothed);
    const hit = fragileNow || fragileBefore;
    fragileBefore = fragileNow;
    m = m * keep + (hit ? fast * Math.abs(x[i]! - mamaBefore) : 0);
    f = f * keepFama + m + (hit ? fast * Math.abs(s.mama - famaBefore) : 0);
    bound[i] = 2 * (output === 'mama' ? m : f);
  }
  return (i) => bound[i]!;
}

/** The tolerance for one output of one Hilbert-family indicator, on top of `base`. */
export function hilbertTolerance(def: IndicatorDefinition, base: Tolerance, inputs: Record<string, Float64Array>, params: Params, output: string): Tolerance {
  const floor: Tolerance = { rel: Math.max(base.rel, LIBM_RELATIVE.rel), inputRel: Math.max(base.inputRel ?? 0, LIBM_RELATIVE.inputRel!) };
  if (def.id === 'mama') return { ...floor, extra: mamaAllowance(inputs.close!, params, output) };
  if (!PHASE_IDS.has(def.id)) return floor;
  return { ...floor, extra: phaseAllowance(def, inputs.close!, params, output) };
}
