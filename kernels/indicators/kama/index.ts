import { defineIndicator, periodParam } from '../../src/define.ts';
import { MA_KAMA, maStage, maWarmup } from '../../src/reference/ma.ts';
import { kamaStream } from './stream.ts';

export default defineIndicator({
  id: 'kama',
  name: 'Kaufman Adaptive Moving Average',
  group: 'Overlap Studies',
  description: 'An EMA whose smoothing follows the efficiency ratio |x - x[-period]| / sum |x - x[-1]|, between 2/(30+1) and 2/(2+1), squared.',
  inputs: ['close'],
  params: [periodParam('period', 30, 'Bars of the efficiency ratio.')],
  outputs: [{ name: 'kama', description: 'The adaptive moving average.' }],
  lookback: (p) => p.period!,
  lookbackFormula: 'period',
  tolerance: 'reference and WebAssembly kernels bit-exact with TA-Lib (its arithmetic step for step)',
  talib: { name: 'KAMA', params: ['period'] },
  notes: [
    'TA-Lib\'s constants: smoothing sc = (er * (2/3 - 2/31) + 2/31)^2 with the fastest period 2 and the slowest 30 fixed.',
    'The first value (bar period) steps from the previous close: kama = close[period-1] + sc * (close[period] - close[period-1]).',
    'As in TA-Lib, the efficiency ratio is 1 when the sum of absolute changes is zero or not above the signed net change (so a rising series smooths at the fastest rate), else |net change / sum|.',
    'The sum of absolute one-bar changes is a running total (the oldest change subtracted, the newest added), never re-summed, exactly as TA-Lib.',
    'Values depend on all earlier bars: a series that starts later converges to the same values after a warm-up (at most a few thousand bars at the slowest smoothing, far fewer in practice).',
  ],
  warmup: (p) => maWarmup(maStage(MA_KAMA, p.period!, 0, false)),
  stream: kamaStream,
  simdPanel: false,
});
