// Wilder's directional movement as TA-Lib computes it, shared by PLUS_DI, MINUS_DI and ADX.
import { streamKernel } from '../define.ts';
import { barCount, int, nonNegative, real, stillZero, type StateProblem } from '../state.ts';
import type { StreamKernel } from '../types.ts';
import { barsToForget, TA_EPSILON } from './common.ts';
import { trueRange } from './truerange.ts';

/** TA_IS_ZERO. */
export function isZero(v: number): boolean {
  return -TA_EPSILON < v && v < TA_EPSILON;
}

/** +DM1 tie rule: the up move counts when positive and strictly larger than the down move. */
export function isPlusMove(diffP: number, diffM: number): boolean {
  return diffP > 0 && diffP > diffM;
}

/** -DM1 tie rule: the down move counts when positive and strictly larger than the up move. */
export function isMinusMove(diffP: number, diffM: number): boolean {
  return diffM > 0 && diffP < diffM;
}

/** Bars after the lookback until the Wilder-smoothed sums forget the start (decay 1 - 1/period). */
export function wilderWarmup(period: number): number {
  return period > 1 ? barsToForget(1 - 1 / period) : 0;
}

/** What every directional-movement state keeps of the bars before: their count and the last one. */
export interface PreviousBar {
  [key: string]: number;
  bars: number;
  prevHigh: number;
  prevLow: number;
  prevClose: number;
}

export const previousBarSpec = () => ({ bars: barCount(), prevHigh: real(), prevLow: real(), prevClose: real() });

export function previousBarRelations(s: PreviousBar): StateProblem | undefined {
  return s.bars === 0 ? stillZero(s, ['prevHigh', 'prevLow', 'prevClose'], 'before the first bar') : undefined;
}

/** The last bar's moves, written by advanceBar: [up move, down move, true range]. */
export const moves = new Float64Array(3);

/**
 * Takes one bar: writes its up move (high - previous high), down move (previous low - low) and true
 * range (against the previous close) into `moves`, then makes it the previous bar. Returns the bar's
 * number, 1 for the first (whose moves mean nothing).
 */
export function advanceBar(s: PreviousBar, high: number, low: number, close: number): number {
  moves[0] = high - s.prevHigh;
  moves[1] = s.prevLow - low;
  moves[2] = trueRange(high, low, s.prevClose);
  s.prevHigh = high;
  s.prevLow = low;
  s.prevClose = close;
  return ++s.bars;
}

interface DiState extends PreviousBar {
  /** Directional movement and true range: plain sums over the first period - 1 moves, then Wilder sums. */
  dm: number;
  tr: number;
  /** Which movement `dm` sums: 1 plus (PLUS_DI), -1 minus (MINUS_DI), so one cannot be resumed as the other. */
  side: number;
}

/**
 * TA-Lib PLUS_DI (side 1) or MINUS_DI (side -1). Period >= 2: the sums of the first period - 1 moves,
 * then s = s - s/period + x per bar (for the DM only when the bar's move counts), DI = 100 * dm / tr,
 * 0 when tr is (near) zero; first output at bar `period`. Period 1: TA-Lib's unsmoothed branch, the
 * one-bar ratio dm / tr without the factor 100.
 */
export function diStream(side: 1 | -1): StreamKernel {
  return streamKernel<DiState>({
    init: () => ({ bars: 0, prevHigh: 0, prevLow: 0, prevClose: 0, dm: 0, tr: 0, side }),
    spec: () => ({ ...previousBarSpec(), dm: nonNegative(), tr: nonNegative(), side: int(side, side) }),
    relations: (s) => previousBarRelations(s) ?? (s.bars <= 1 ? stillZero(s, ['dm', 'tr'], 'before the second bar') : undefined),
    update(s, bar, out, p) {
      const period = p.period!;
      const bars = advanceBar(s, bar[0]!, bar[1]!, bar[2]!);
      if (bars === 1) {
        out[0] = NaN;
        return;
      }
      const diffP = moves[0]!, diffM = moves[1]!, tr = moves[2]!;
      const counts = side > 0 ? isPlusMove(diffP, diffM) : isMinusMove(diffP, diffM);
      const move = side > 0 ? diffP : diffM;
      if (period === 1) {
        if (!counts) {
          out[0] = 0;
          return;
        }
        out[0] = isZero(tr) ? 0 : move / tr;
        return;
      }
      if (bars <= period) {
        // Bars 1 .. period - 1 (0-based): plain sums of period - 1 moves.
        if (counts) s.dm += move;
        s.tr += tr;
        out[0] = NaN;
        return;
      }
      s.dm = counts ? s.dm - s.dm / period + move : s.dm - s.dm / period;
      s.tr = s.tr - s.tr / period + tr;
      out[0] = isZero(s.tr) ? 0 : 100.0 * (s.dm / s.tr);
    },
  });
}
