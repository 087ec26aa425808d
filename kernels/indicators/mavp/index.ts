import { defineIndicator, periodParam } from '../../src/define.ts';
import { MA_MAX_PERIOD, maStage, maTypeParam, maWarmup } from '../../src/reference/ma.ts';
import { mavpBatch, mavpLookback, mavpSlots } from '../../src/reference/mavp.ts';
import { mavpStream } from './stream.ts';

export default defineIndicator({
  id: 'mavp',
  name: 'Moving Average with Variable Period',
  group: 'Overlap Studies',
  description:
    'TA-Lib\'s moving average whose period changes bar by bar: each bar\'s output is the MA of the chosen type over the closes, with that bar\'s `periods` value (truncated, kept within [minPeriod, maxPeriod]) as its period.',
  inputs: ['close', 'periods'],
  params: [
    periodParam('minPeriod', 2, 'Smallest period: a bar\'s period below it is raised to it.', 2, MA_MAX_PERIOD),
    periodParam('maxPeriod', 30, 'Largest period: a bar\'s period above it is lowered to it; it sets the lookback.', 2, MA_MAX_PERIOD),
    maTypeParam('maType', 0, 'Kind of moving average.'),
  ],
  outputs: [{ name: 'mavp', description: 'The MA of the chosen type with each bar\'s own period.' }],
  lookback: mavpLookback,
  lookbackFormula:
    'TA-Lib\'s MA lookback of maxPeriod: maxPeriod - 1 (SMA, EMA, WMA, TRIMA), 2 * (maxPeriod - 1) (DEMA), 3 * (maxPeriod - 1) (TEMA), maxPeriod (KAMA), 32 (MAMA), 6 * (maxPeriod - 1) (T3)',
  tolerance:
    'reference (batch and stream) and WebAssembly kernels bit-exact with TA-Lib under every MA type (each period\'s MA follows TA-Lib\'s arithmetic step for step); MAMA\'s values depend on libm trigonometry (see mama)',
  talib: { name: 'MAVP', params: ['minPeriod', 'maxPeriod', 'maType'] },
  paramLimit: (p) => ({ param: 'minPeriod', max: p.maxPeriod!, why: '(maxPeriod; above it TA-Lib pairs outputs with the MA values of other bars)' }),
  notes: [
    'The second input, `periods`, holds a period per bar, as TA-Lib\'s inPeriods: it is truncated toward zero (2.9 is 2), then raised to minPeriod or lowered to maxPeriod, as TA-Lib does; only the bars from the lookback on are read.',
    'As in TA-Lib on x86 (the platform of our oracle), a period of 2^31 or more, or of -2^31 - 1 or less, becomes C\'s INT_MIN and so minPeriod, not maxPeriod: 1e10 gives the minPeriod MA. Non-finite periods (NaN, Infinity) are refused with NON_FINITE_INPUT, like every non-finite input.',
    'Every period\'s MA starts so that it reaches its first value on the first output bar (bar lookback(maxPeriod)), as TA-Lib computes each from MAVP\'s first output: an EMA-based MA of a shorter period is therefore seeded later than the same MA on its own (the ma indicator) and differs from it during its warm-up. (TA-Lib asked from a later startIdx starts every MA later still; these are its values from the first output, as it computes them when called from bar 0.)',
    'Each MA is TA-Lib\'s (see ma): EMA-based types are seeded with the SMA of their first inputs, T3 uses volume factor 0.7, MA type 7 (MAMA) runs with fastLimit 0.5 and slowLimit 0.05 and ignores the period (every bar gets the same MAMA). No running sum is re-summed, exactly as TA-Lib.',
    `Both periods stop at ${MA_MAX_PERIOD}, not TA-Lib's 100000: with the WMA type TA-Lib's 32-bit weight sum overflows above it. minPeriod may not exceed maxPeriod (a parameter error): TA-Lib then computes the minPeriod MA from too early a bar and returns values shifted against their bars.`,
    'The stream keeps every period\'s running numbers (1 to 6 per period by type, and the last maxPeriod + 1 inputs for SMA, WMA, TRIMA and KAMA) and updates them all each bar, so its state and its cost per bar grow with maxPeriod - minPeriod: 8 bytes a number, about 2.2 MB for T3 from 2 to 46340 (see streamStateBytes; the service budgets it).',
  ],
  warmup: (p) => maWarmup(maStage(p.maType!, p.maxPeriod!)),
  streamWork: (p) => (p.maxPeriod! - p.minPeriod! + 1) * (mavpSlots(p.maType!) + 1),
  stream: mavpStream,
  reference: (inputs, outputs, p) => mavpBatch(inputs[0]!, inputs[1]!, outputs[0]!, p),
  simdPanel: false,
});
