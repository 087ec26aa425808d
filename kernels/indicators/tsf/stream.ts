import { regressionStream } from '../../src/reference/regression.ts';

/** TA-Lib TSF (time series forecast): the line's value one bar past the newest, the least-squares line through the window fitted afresh every bar. */
export const tsfStream = regressionStream((m, b, period) => b + m * period);
