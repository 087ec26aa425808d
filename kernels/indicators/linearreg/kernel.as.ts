import { linearRegression, LINE_END } from '../../assembly/lib/regression';

/** LINEARREG: the window fitted afresh every bar, two bars per vector (see linearRegression). */
export function linearreg(x: usize, out: usize, n: i32, period: i32): void {
  linearRegression(x, out, n, period, LINE_END);
}
