import { linearRegression, ANGLE } from '../../assembly/lib/regression';

/** LINEARREG_ANGLE: the window fitted afresh every bar, two bars per vector (see linearRegression). */
export function linearreg_angle(x: usize, out: usize, n: i32, period: i32): void {
  linearRegression(x, out, n, period, ANGLE);
}
