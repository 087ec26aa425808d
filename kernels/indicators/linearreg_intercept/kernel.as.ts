import { linearRegression, INTERCEPT } from '../../assembly/lib/regression';

/** LINEARREG_INTERCEPT: the window fitted afresh every bar, two bars per vector (see linearRegression). */
export function linearreg_intercept(x: usize, out: usize, n: i32, period: i32): void {
  linearRegression(x, out, n, period, INTERCEPT);
}
