import { atanRounded } from '../../src/reference/atan.ts';
import { DEGREES_PER_RADIAN, regressionStream } from '../../src/reference/regression.ts';

/** TA-Lib LINEARREG_ANGLE: the slope's angle in degrees, the least-squares line through the window fitted afresh every bar. */
export const linearreg_angleStream = regressionStream((m) => atanRounded(m) * DEGREES_PER_RADIAN);
