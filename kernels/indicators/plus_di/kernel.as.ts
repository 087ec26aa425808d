import { diKernel } from '../../assembly/lib/directional';

export function plus_di(high: usize, low: usize, close: usize, out: usize, n: i32, period: i32): void {
  diKernel(high, low, close, out, n, period, true);
}
