import { defineIndicator, periodParam } from '../../src/define.ts';
import { resumInterval } from '../../src/reference/common.ts';
import { ultoscPeriods, ultoscStream } from './stream.ts';

export default defineIndicator({
  id: 'ultosc',
  name: 'Ultimate Oscillator',
  group: 'Momentum Indicators',
  description: "Williams' Ultimate Oscillator: buying pressure over true range on three horizons, weighted 4:2:1 from the shortest.",
  inputs: ['high', 'low', 'close'],
  params: [
    periodParam('period1', 7, 'One of the three periods (TA-Lib sorts them; the shortest is weighted 4).', 1),
    periodParam('period2', 14, 'One of the three periods (the middle one is weighted 2).', 1),
    periodParam('period3', 28, 'One of the three periods (the longest is weighted 1).', 1),
  ],
  outputs: [{ name: 'ultosc', description: 'In [0, 100].' }],
  lookback: (p) => ultoscPeriods(p)[2],
  lookbackFormula: 'max(period1, period2, period3)',
  tolerance:
    'reference kernel bit-exact with TA-Lib computing each re-sum block (TA-Lib never re-sums); the WebAssembly kernel repeats the reference\'s operations: bit-exact with it',
  talib: { name: 'ULTOSC', params: ['period1', 'period2', 'period3'] },
  notes: [
    'As in TA-Lib, the three periods are sorted first: whatever their order, the shortest is weighted 4, the middle 2 and the longest 1.',
    'Per bar: buying pressure close - min(low, previous close) and the true range; for each period their sums over its last `period` bars; output 100 * (4 a1/b1 + 2 a2/b2 + a3/b3) / 7.',
    'TA-Lib\'s zero rule, reproduced: a ratio whose true-range sum is below 1e-14 is left out of the sum (the weights still divide by 7), so a flat series reads 0.',
    'The running sums are primed from scratch (left to right, as TA-Lib primes them at its start) at the first output and every max(1024, longest period) outputs, so long series do not drift.',
    'TA-Lib accepts 1 for each period; with all three at 1 its lookback becomes 0 and its first value reads the close before the series. Here the first value is at bar 1 (lookback max(periods) = 1).',
  ],
  resumEvery: (p) => resumInterval(ultoscPeriods(p)[2]),
  stream: ultoscStream,
  simdPanel: false,
});
