import { changeStream, roc } from '../../src/reference/lag.ts';

/** TA-Lib ROC: ((x / x[-period]) - 1) * 100, and 0 when x[-period] is 0. */
export const rocStream = changeStream(roc);
