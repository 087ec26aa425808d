import { fillNaN, ld, resumInterval, st } from '../../assembly/lib/common';
import { fastKRun, rollingHighLow } from '../../assembly/lib/extremes';
import { MA_STORE, maPass, maTypeLookback } from '../../assembly/lib/ma';

/**
 * STOCH. Rolling highs into slowK and lows into slowD (scratch), fast %K two bars per vector into
 * slowD; then, block by block from the last one back, slow %K (restarted slowD - 1 bars before the
 * block, as TA-Lib restarts it) into slowK and slow %D into slowD. Going backwards, a block only
 * overwrites fast %K values no earlier block needs, and each block's restart values in slowK are
 * rewritten by the block before it: the same arithmetic as the reference, so bit-exact.
 */
export function stoch(high: usize, low: usize, close: usize, kOut: usize, dOut: usize, n: i32, fastK: i32, slowK: i32, kType: i32, slowD: i32, dType: i32): void {
  if (kType != 0 || dType != 0) {
    stochTyped(high, low, close, kOut, dOut, n, fastK, slowK, kType, slowD, dType);
    return;
  }
  const lookback = fastK - 1 + slowK - 1 + slowD - 1;
  if (n > lookback) {
    rollingHighLow(high, low, kOut, dOut, n, fastK);
    fastKRun(close, kOut, dOut, dOut, fastK - 1, n);
    const every = resumInterval(max(slowK, slowD));
    const pk = <f64>slowK, pd = <f64>slowD;
    const blocks = (n - lookback + every - 1) / every;
    for (let j = blocks - 1; j >= 0; j--) {
      const from = lookback + j * every;
      const end = min(from + every, n);
      const start = from - slowD + 1;
      let kt: f64 = 0;
      for (let i = start - slowK + 1; i < start; i++) kt += ld(dOut, i);
      for (let i = start; i < end; i++) {
        kt += ld(dOut, i);
        const v = kt;
        kt -= ld(dOut, i - slowK + 1);
        st(kOut, i, v / pk);
      }
      let dt: f64 = 0;
      for (let i = start; i < from; i++) dt += ld(kOut, i);
      for (let i = from; i < end; i++) {
        dt += ld(kOut, i);
        const v = dt;
        dt -= ld(kOut, i - slowD + 1);
        st(dOut, i, v / pd);
      }
    }
  }
  fillNaN(kOut, lookback, n);
  fillNaN(dOut, lookback, n);
}

/** STOCH with other MA types: fast %K into dOut (scratch), slow %K into kOut, slow %D into dOut, one pass each. */
function stochTyped(high: usize, low: usize, close: usize, kOut: usize, dOut: usize, n: i32, fastK: i32, slowK: i32, kType: i32, slowD: i32, dType: i32): void {
  const kFrom = fastK - 1 + maTypeLookback(kType, slowK);
  const lookback = kFrom + maTypeLookback(dType, slowD);
  if (n > lookback) {
    rollingHighLow(high, low, kOut, dOut, n, fastK);
    fastKRun(close, kOut, dOut, dOut, fastK - 1, n);
    maPass(dOut, kOut, fastK - 1, n, kType, slowK, 0, MA_STORE);
    maPass(kOut, dOut, kFrom, n, dType, slowD, 0, MA_STORE);
  }
  fillNaN(kOut, lookback, n);
  fillNaN(dOut, lookback, n);
}
