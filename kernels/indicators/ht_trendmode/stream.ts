import { streamKernel } from '../../src/define.ts';
import {
  CYCLE_LOOKBACK, DEG2RAD, hilbertStart, CYCLE_WARM, newestSmoothPrice, phaseInit, phaseRelations, phaseSpec, phaseUpdate,
  ringUnwritten, SMOOTH_PRICE_SIZE, trendlineNext, trendMean, type PhaseState,
} from '../../src/reference/hilbert.ts';
import { barCount, real, reals, stillZero, unless } from '../../src/state.ts';

interface TrendModeState extends PhaseState {
  /** The last 50 prices, slot bar % 50. */
  prices: number[];
  /** The last three trendline means, newest first. */
  trend: number[];
  sine: number;
  leadSine: number;
  daysInTrend: number;
}

/**
 * TA-Lib HT_TRENDMODE: 1 (trend) or 0 (cycle). A cycle when the sine and lead sine crossed within
 * the last half period, or the phase advanced by 0.67..1.5 times 360 / period; a trend regardless
 * when the smoothed price is 1.5% or more away from the trendline.
 */
export const htTrendModeStream = streamKernel<TrendModeState>({
  init: () => ({ ...phaseInit(), prices: new Array<number>(SMOOTH_PRICE_SIZE).fill(0), trend: [0, 0, 0], sine: 0, leadSine: 0, daysInTrend: 0 }),
  spec: () => ({ ...phaseSpec(), prices: reals(SMOOTH_PRICE_SIZE), trend: reals(3), sine: real(-1, 1), leadSine: real(-1, 1), daysInTrend: barCount() }),
  relations: (s, _p, bars) =>
    phaseRelations(s, bars) ??
    ringUnwritten(s.prices, s.bars, 'prices') ??
    (s.bars <= hilbertStart(CYCLE_WARM)
      ? stillZero(s, ['sine', 'leadSine', 'daysInTrend'], 'before the Hilbert loop starts') ?? unless(s.trend.every((v) => v === 0), 'trend', 'must be 0 before the Hilbert loop starts')
      : unless(s.daysInTrend <= s.bars - hilbertStart(CYCLE_WARM), 'daysInTrend', 'counts Hilbert loop bars, so is at most their number')),
  update(s, bar, out) {
    const today = s.bars;
    const x = bar[0]!;
    s.prices[today % SMOOTH_PRICE_SIZE] = x;
    const prevPhase = s.dcPhase;
    if (!phaseUpdate(s, x)) {
      out[0] = NaN;
      return;
    }
    const sp = s.smoothPeriod;
    const prevSine = s.sine;
    const prevLeadSine = s.leadSine;
    s.sine = Math.sin(s.dcPhase * DEG2RAD);
    s.leadSine = Math.sin((s.dcPhase + 45) * DEG2RAD);
    const line = trendlineNext(s.trend, trendMean(s.prices, today, sp));
    let trend = 1;
    if ((s.sine > s.leadSine && prevSine <= prevLeadSine) || (s.sine < s.leadSine && prevSine >= prevLeadSine)) {
      s.daysInTrend = 0;
      trend = 0;
    }
    s.daysInTrend++;
    if (s.daysInTrend < 0.5 * sp) trend = 0;
    const advance = s.dcPhase - prevPhase;
    if (sp !== 0 && advance > (0.67 * 360.0) / sp && advance < (1.5 * 360.0) / sp) trend = 0;
    const price = newestSmoothPrice(s);
    if (line !== 0 && Math.abs((price - line) / line) >= 0.015) trend = 1;
    out[0] = today >= CYCLE_LOOKBACK ? trend : NaN;
  },
});
