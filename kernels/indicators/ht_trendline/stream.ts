import { streamKernel } from '../../src/define.ts';
import {
  CYCLE_LOOKBACK, CYCLE_WARM, hilbertInit, hilbertRelations, hilbertSpec, hilbertStart, hilbertUpdate, ringUnwritten,
  SMOOTH_PRICE_SIZE, smoothPeriodNext, trendlineNext, trendMean, type HilbertBar, type HilbertState,
} from '../../src/reference/hilbert.ts';
import { real, reals, stillZero, unless } from '../../src/state.ts';

interface TrendlineState extends HilbertState {
  smoothPeriod: number;
  /** The last 50 prices, slot bar % 50. */
  prices: number[];
  /** The last three means, newest first. */
  trend: number[];
}

const scratch: HilbertBar = { smoothed: 0, i1: 0, q1: 0 };

/** TA-Lib HT_TRENDLINE: the mean of the last int(smoothPeriod + 0.5) prices, smoothed 4-3-2-1. */
export const htTrendlineStream = streamKernel<TrendlineState>({
  init: () => ({ ...hilbertInit(), smoothPeriod: 0, prices: new Array<number>(SMOOTH_PRICE_SIZE).fill(0), trend: [0, 0, 0] }),
  spec: () => ({ ...hilbertSpec(), smoothPeriod: real(0, 50), prices: reals(SMOOTH_PRICE_SIZE), trend: reals(3) }),
  relations: (s, _p, bars) =>
    hilbertRelations(s, CYCLE_WARM, bars) ??
    (s.bars <= hilbertStart(CYCLE_WARM)
      ? stillZero(s, ['smoothPeriod'], 'before the Hilbert loop starts') ?? unless(s.trend.every((v) => v === 0), 'trend', 'must be 0 before the Hilbert loop starts')
      : unless(s.smoothPeriod >= 0.39, 'smoothPeriod', 'is at least 0.396 once the Hilbert loop has run')) ??
    ringUnwritten(s.prices, s.bars, 'prices'),
  update(s, bar, out) {
    const today = s.bars;
    const x = bar[0]!;
    s.prices[today % SMOOTH_PRICE_SIZE] = x;
    if (!hilbertUpdate(s, x, CYCLE_WARM, scratch)) {
      out[0] = NaN;
      return;
    }
    s.smoothPeriod = smoothPeriodNext(s.period, s.smoothPeriod);
    const line = trendlineNext(s.trend, trendMean(s.prices, today, s.smoothPeriod));
    out[0] = today >= CYCLE_LOOKBACK ? line : NaN;
  },
});
