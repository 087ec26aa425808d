import { defineIndicator, periodParam } from '../../src/define.ts';
import { REGRESSION_MAX_PERIOD } from '../../src/reference/regression.ts';
import { linearreg_angleStream } from './stream.ts';

export default defineIndicator({
  id: 'linearreg_angle',
  name: 'Linear Regression Angle',
  group: 'Statistic Functions',
  description: 'Angle of the least-squares line through the last `period` closes, in degrees (atan of the slope in price per bar).',
  inputs: ['close'],
  params: [periodParam('period', 14, 'Number of bars the line is fitted to (at most 1024, see the notes).', 2, REGRESSION_MAX_PERIOD)],
  outputs: [{ name: 'linearreg_angle', description: 'atan(m) * 180 / pi, in degrees.' }],
  lookback: (p) => p.period! - 1,
  lookbackFormula: 'period - 1',
  tolerance: "the same slope as TA-Lib bit for bit; the angle within 2 ulp of TA-Lib's: TA-Lib calls the C library's atan, which is not correctly rounded (the oracle's glibc differs from the correctly rounded arctangent on about 1 argument in 1200) and differs between platforms. The reference kernel's atan is correctly rounded (the same on every platform); the WebAssembly kernel uses AssemblyScript's atan (within 1 ulp)",
  talib: { name: 'LINEARREG_ANGLE', params: ['period'] },
  notes: [
    "The arctangent is the one quirk-free part: TA-Lib's last bit depends on the platform's C library, ours does not (see the tolerance).",
    'In degrees, as TA-Lib: atan(m) * (180 / pi) with m in price units per bar, so the angle depends on the price scale (a slope of 1 per bar is 45 degrees whatever the price).',
    "The line is fitted with x = period - 1 for the oldest bar down to 0 for the newest, as TA-Lib does; the slope still has the usual sign (rising prices give a positive slope) because TA-Lib's divisor sum(x)^2 - period * sum(x^2) is negative.",
    'The period stops at 1024: TA-Lib computes period * (period - 1) * (2 * period - 1) / 6 in 32-bit integers, which overflows above that (undefined behaviour in C; the oracle build returns wrong slopes from period 1291 on).',
    'TA-Lib sums the window afresh every bar (O(period) per bar, no running sums), so both kernels do the same, bit for bit: the WebAssembly kernel fits two bars at once in the two lanes.',
  ],
  stream: linearreg_angleStream,
  simdPanel: false,
});
