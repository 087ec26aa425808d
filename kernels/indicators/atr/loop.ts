import { fillNaN, finiteRange } from '../../src/loop.ts';
import type { LoopKernel } from '../../src/loop.ts';
import { trueRange } from '../trange/stream.ts';

/** ATR with `scale` applied to each output: 1 for ATR; NATR passes the close (see natr/loop.ts). */
export function atrChain(high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array, period: number, normalize: boolean): boolean {
  const n = close.length;
  fillNaN(out, period);
  if (n <= period) return finiteRange(high, 0, n) && finiteRange(low, 0, n) && finiteRange(close, 0, n);
  // Bar 0's high and low, and the last close, are read by no true range: checked apart.
  let check = high[0]! - high[0]! + (low[0]! - low[0]!) + (close[n - 1]! - close[n - 1]!);
  let atr = 0;
  for (let i = 1; i <= period; i++) {
    const h = high[i]!, l = low[i]!, c = close[i - 1]!;
    check += h - h + (l - l) + (c - c);
    atr += trueRange(h, l, c);
  }
  atr /= period;
  out[period] = normalize ? natrOf(atr, close[period]!) : atr;
  for (let i = period + 1; i < n; i++) {
    const h = high[i]!, l = low[i]!, c = close[i - 1]!;
    check += h - h + (l - l) + (c - c);
    const tr = trueRange(h, l, c);
    atr *= period - 1;
    atr += tr;
    atr /= period;
    out[i] = normalize ? natrOf(atr, close[i]!) : atr;
  }
  return check === 0;
}

/** NATR's normalisation, as natr/stream.ts: (atr / close) * 100, 0 where |close| < 1e-14. */
function natrOf(atr: number, close: number): number {
  return close > -1e-14 && close < 1e-14 ? 0 : (atr / close) * 100;
}

export const atrLoop: LoopKernel = (inputs, outputs, p) => atrChain(inputs[0]!, inputs[1]!, inputs[2]!, outputs[0]!, p.period!, false);
