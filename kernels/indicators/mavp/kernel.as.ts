import { fillNaN } from '../../assembly/lib/common';
import { MA_SELECT, MA_STORE, maPass, maTypeLookback, mavpPeriod, selectMax, selectMin, selectPeriod, selectPeriods } from '../../assembly/lib/ma';

/** One bit per period up to MA_MAX_PERIOD (46340): whether the period's MA pass has run. */
const DONE = memory.data((46_340 >> 3) + 1);

/**
 * TA_MAVP: for each distinct period of the output bars, in order of first use, one scalar MA pass
 * (TA-Lib's arithmetic, from bar lookback(max) - lookback(p), as TA_MA from MAVP's first output)
 * written only where that period is asked. MAMA ignores the period: one pass for every bar.
 */
export function mavp(x: usize, periods: usize, out: usize, n: i32, minPeriod: i32, maxPeriod: i32, maType: i32): void {
  const lookback = maTypeLookback(maType, maxPeriod);
  if (n <= lookback) {
    fillNaN(out, lookback, n);
    return;
  }
  if (maType == 7) {
    maPass(x, out, 0, n, maType, maxPeriod, lookback, MA_STORE);
    fillNaN(out, lookback, n); // the MAMA pass writes from bar 0
    return;
  }
  fillNaN(out, lookback, n);
  memory.fill(DONE, 0, <usize>(maxPeriod >> 3) + 1);
  selectPeriods = periods;
  selectMin = minPeriod;
  selectMax = maxPeriod;
  for (let i = lookback; i < n; i++) {
    const p = mavpPeriod(load<f64>(periods + (<usize>i << 3)), minPeriod, maxPeriod);
    const byte = DONE + <usize>(p >> 3);
    const bit: u32 = 1 << <u32>(p & 7);
    const seen: u32 = load<u8>(byte);
    if ((seen & bit) != 0) continue;
    store<u8>(byte, <u8>(seen | bit));
    selectPeriod = p;
    maPass(x, out, lookback - maTypeLookback(maType, p), n, maType, p, i, MA_SELECT);
  }
}
