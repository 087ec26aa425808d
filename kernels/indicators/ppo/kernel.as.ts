import { fillNaN } from '../../assembly/lib/common';
import { MA_PERCENT, MA_STORE, maPass, maTypeLookback } from '../../assembly/lib/ma';

/**
 * PPO: the slow MA into out, then the fast MA (started lookback(slow) - lookback(fast) bars in, as
 * TA-Lib from its first output) combined into it in place: two scalar passes, TA-Lib's arithmetic.
 */
export function ppo(x: usize, out: usize, n: i32, fastIn: i32, slowIn: i32, maType: i32): void {
  const fast = min(fastIn, slowIn);
  const slow = max(fastIn, slowIn);
  const lookback = maTypeLookback(maType, slow);
  fillNaN(out, lookback, n);
  maPass(x, out, 0, n, maType, slow, 0, MA_STORE);
  maPass(x, out, lookback - maTypeLookback(maType, fast), n, maType, fast, lookback, MA_PERCENT);
}
