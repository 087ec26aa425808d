// TA-Lib's price transforms, each one bar's arithmetic in TA-Lib's operation order.
import { barCount } from '../state.ts';
import type { StreamKernel } from '../types.ts';

/** AVGPRICE: (high + low + close + open) / 4, summed in that order. */
export function avgPrice(open: number, high: number, low: number, close: number): number {
  return (high + low + close + open) / 4;
}

/** MEDPRICE: (high + low) / 2. */
export function medPrice(high: number, low: number): number {
  return (high + low) / 2;
}

/** TYPPRICE: (high + low + close) / 3. */
export function typPrice(high: number, low: number, close: number): number {
  return (high + low + close) / 3;
}

/** WCLPRICE: (high + low + close * 2) / 4. */
export function wclPrice(high: number, low: number, close: number): number {
  return (high + low + close * 2) / 4;
}

/**
 * A stream whose every output is `f` of its own bar alone (no lookback). Its only state is the count
 * of bars seen, so a snapshot says how far it got, like every other stream's.
 */
export function perBarStream(f: (bar: Float64Array) => number): StreamKernel<{ bars: number }> {
  return {
    init: () => ({ bars: 0 }),
    spec: () => ({ bars: barCount() }),
    update(s, bar, out) {
      s.bars++;
      out[0] = f(bar);
    },
  };
}
