import { regressionStream } from '../../src/reference/regression.ts';

/** TA-Lib LINEARREG_SLOPE: the line's slope, the least-squares line through the window fitted afresh every bar. */
export const linearreg_slopeStream = regressionStream((m) => m);
