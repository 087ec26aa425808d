import { streamKernel } from '../../src/define.ts';
import { emaK } from '../../src/reference/common.ts';
import { macdInit, macdRelations, macdSpec, macdStep, type MacdConstants, type MacdState } from '../../src/reference/macd.ts';
import type { Params } from '../../src/types.ts';

/** TA-Lib's MACD periods: the slower period is always the slow one. */
export function macdPeriods(params: Params): { fast: number; slow: number; signal: number } {
  const a = params.fast!;
  const b = params.slow!;
  return { fast: Math.min(a, b), slow: Math.max(a, b), signal: params.signal! };
}

export function macdLookback(params: Params): number {
  const { slow, signal } = macdPeriods(params);
  return slow - 1 + (signal - 1);
}

/** TA-Lib MACD (see macdStep): EMA constants 2 / (period + 1). */
export const macdStream = streamKernel<MacdState>({
  init: macdInit,
  spec: macdSpec,
  relations: macdRelations,
  derive: (p) => {
    const { fast, slow, signal } = macdPeriods(p);
    return { fastPeriod: fast, slowPeriod: slow, signalPeriod: signal, kFast: emaK(fast), kSlow: emaK(slow), kSignal: emaK(signal) };
  },
  update(s, bar, out, p) {
    macdStep(s, bar[0]!, out, p as unknown as MacdConstants);
  },
});
