import { regressionStream } from '../../src/reference/regression.ts';

/** TA-Lib LINEARREG_INTERCEPT: the line's intercept, the least-squares line through the window fitted afresh every bar. */
export const linearreg_interceptStream = regressionStream((_m, b) => b);
