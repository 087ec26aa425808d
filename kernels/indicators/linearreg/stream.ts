import { regressionStream } from '../../src/reference/regression.ts';

/** TA-Lib LINEARREG: the line's value at the newest bar, the least-squares line through the window fitted afresh every bar. */
export const linearregStream = regressionStream((m, b, period) => b + m * (period - 1));
