import { at, broadcastHigh, pairPrefix, st } from '../../assembly/lib/common';
import { moneyFlowVolume1, moneyFlowVolume2 } from '../../assembly/lib/flow';

/** AD: money flow volumes two bars at a time, prefix-summed, the total advancing four bars per add. */
export function ad(high: usize, low: usize, close: usize, volume: usize, out: usize, n: i32): void {
  let total: f64 = 0;
  let i = 0;
  let s = f64x2.splat(0);
  for (; i + 3 < n; i += 4) {
    const d01 = pairPrefix(moneyFlowVolume2(high, low, close, volume, i));
    const d23 = f64x2.add(pairPrefix(moneyFlowVolume2(high, low, close, volume, i + 2)), broadcastHigh(d01));
    const s23 = f64x2.add(s, d23);
    v128.store(at(out, i), f64x2.add(s, d01));
    v128.store(at(out, i + 2), s23);
    s = broadcastHigh(s23);
  }
  total = f64x2.extract_lane(s, 0);
  for (; i < n; i++) {
    total += moneyFlowVolume1(high, low, close, volume, i);
    st(out, i, total);
  }
}
