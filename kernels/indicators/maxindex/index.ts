import { defineIndicator, periodParam } from '../../src/define.ts';
import { maxindexStream } from './stream.ts';

export default defineIndicator({
  id: 'maxindex',
  name: 'Index of Highest Value Over a Period',
  group: 'Math Operators',
  description: 'Index (bar number in the input) of the highest close of the last `period` bars.',
  inputs: ['close'],
  params: [periodParam('period', 30, 'Number of bars in the window.')],
  outputs: [
    { name: 'maxindex', description: 'Index of the highest value, counted from the first bar of the input.' },
  ],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: 'bit-exact with TA-Lib in both kernels (indexes chosen by the same comparisons)',
  talib: { name: 'MAXINDEX', params: ['period'] },
  notes: [
    "Indexes count bars from the start of the input (of the stream), as TA-Lib's do, returned as numbers. On ties TA-Lib's choice is reproduced: a later bar equal to the extreme takes over, but when the extreme leaves the window the earliest of the window's equal extremes is taken. A series that starts later gives indexes smaller by the bars it skipped, except that right after its start, where its window was rescanned, a tie can resolve to another bar of equal value.",
    "The extremes are tracked as TA-Lib does (a new value takes the extreme when it ties or beats it; when the extreme leaves the window the window is rescanned): the stream rescans like TA-Lib; the WebAssembly kernel gets the same bars without a branch on the data, from each window's extreme and its earliest bar taken by blocks (van Herk / Gil-Werman, O(1) per bar) for windows up to 4,096 bars, else with a deque (O(1) amortised).",
  ],
  startDependence: 'path',
  stream: maxindexStream,
  simdPanel: false,
});
