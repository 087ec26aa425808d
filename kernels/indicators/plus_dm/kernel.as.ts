import { dmKernel } from '../../assembly/lib/directional';

export function plus_dm(high: usize, low: usize, out: usize, n: i32, period: i32): void {
  dmKernel(high, low, out, n, period, true);
}
