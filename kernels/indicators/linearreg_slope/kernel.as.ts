import { linearRegression, SLOPE } from '../../assembly/lib/regression';

/** LINEARREG_SLOPE: the window fitted afresh every bar, two bars per vector (see linearRegression). */
export function linearreg_slope(x: usize, out: usize, n: i32, period: i32): void {
  linearRegression(x, out, n, period, SLOPE);
}
