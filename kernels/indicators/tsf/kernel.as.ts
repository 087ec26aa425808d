import { linearRegression, FORECAST } from '../../assembly/lib/regression';

/** TSF: the window fitted afresh every bar, two bars per vector (see linearRegression). */
export function tsf(x: usize, out: usize, n: i32, period: i32): void {
  linearRegression(x, out, n, period, FORECAST);
}
