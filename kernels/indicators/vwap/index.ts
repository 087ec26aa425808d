import { resumInterval } from '../../src/reference/common.ts';
import { defineIndicator, periodParam } from '../../src/define.ts';
import { vwapLookback, vwapStream } from './stream.ts';

export default defineIndicator({
  id: 'vwap',
  name: 'Volume Weighted Average Price',
  group: 'Volume Indicators',
  description:
    'sum(typical price * volume) / sum(volume), typical price = (high + low + close) / 3, over the last `period` bars (rolling) or over every bar since the first (anchored, period 0).',
  inputs: ['high', 'low', 'close', 'volume'],
  params: [periodParam('period', 20, 'Bars in the rolling window; 0 anchors the VWAP at the first bar of the series (cumulative).', 0)],
  outputs: [{ name: 'vwap', description: 'The volume-weighted average typical price.' }],
  lookback: vwapLookback,
  lookbackFormula: 'max(period - 1, 0)',
  tolerance:
    'no TA-Lib counterpart: both kernels are checked against direct per-window sums (kernels/test/vwap.test.ts) within the rounding bound of running sums; the WebAssembly kernel forms typical price * volume two bars at a time and advances the sums by pairwise differences, within 1e-11 relative of the reference',
  talib: undefined,
  notes: [
    'Definition: vwap[i] = sum(tp[j] * volume[j]) / sum(volume[j]) for j over the window, tp = (high + low + close) / 3. Rolling (period >= 1): j = i - period + 1 .. i, first output at bar period - 1. Anchored (period 0): j = 0 .. i, an output from bar 0 on.',
    'When no bar in the window has a non-zero volume (the volume sum is 0), the VWAP is the current bar\'s typical price, so the output is always a price. Volumes are expected to be >= 0: with negative volumes the sum can be 0 with trades in the window, and the quotient is then not finite.',
    'Anchored mode starts at the first bar given: for a session VWAP pass the session\'s bars (or a stream started at the session open). Its sums are never re-summed; their rounding grows at most like bars * 2^-53 relative.',
    'Rolling sums are recomputed from scratch every max(1024, period) bars so long series do not drift.',
    'Not in TA-Lib. The typical price is TA-Lib\'s TYPPRICE, computed in the same order ((high + low) + close) / 3.',
  ],
  resumEvery: (p) => (p.period! === 0 ? Number.MAX_SAFE_INTEGER : resumInterval(p.period!)),
  stream: vwapStream,
  simdPanel: false,
});
