// Wilder's directional movement as TA-Lib computes it: PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI, DX, ADX, ADXR.
import { streamKernel } from '../define.ts';
import { barCount, int, nonNegative, real, stillZero, unless, type StateProblem } from '../state.ts';
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
  [key: string]: number | number[];
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

interface DmState {
  [key: string]: number;
  bars: number;
  prevHigh: number;
  prevLow: number;
  /** The sum of the first period - 1 moves, then the Wilder sum (period 1: unused, 0). */
  dm: number;
  /** 1 plus (PLUS_DM), -1 minus (MINUS_DM). */
  side: number;
}

/** TA-Lib PLUS_DM / MINUS_DM lookback: period - 1, and 1 for the raw one-bar movement of period 1. */
export function dmLookback(period: number): number {
  return period > 1 ? period - 1 : 1;
}

/**
 * TA-Lib PLUS_DM (side 1) or MINUS_DM (side -1). Period >= 2: the plain sum of the first period - 1
 * moves is the first output (bar period - 1), then s = s - s/period (+ the move when it counts).
 * Period 1: the bar's own movement (0 when it does not count), from bar 1.
 */
export function dmStream(side: 1 | -1): StreamKernel {
  return streamKernel<DmState>({
    init: () => ({ bars: 0, prevHigh: 0, prevLow: 0, dm: 0, side }),
    spec: () => ({ bars: barCount(), prevHigh: real(), prevLow: real(), dm: nonNegative(), side: int(side, side) }),
    relations: (s, p) =>
      (s.bars === 0 ? stillZero(s, ['prevHigh', 'prevLow'], 'before the first bar') : undefined) ??
      (s.bars <= 1 || p.period === 1 ? stillZero(s, ['dm'], p.period === 1 ? 'with period 1' : 'before the second bar') : undefined),
    update(s, bar, out, p) {
      const period = p.period!;
      const high = bar[0]!, low = bar[1]!;
      const diffP = high - s.prevHigh, diffM = s.prevLow - low;
      s.prevHigh = high;
      s.prevLow = low;
      const bars = ++s.bars;
      if (bars === 1) {
        out[0] = NaN;
        return;
      }
      const counts = side > 0 ? isPlusMove(diffP, diffM) : isMinusMove(diffP, diffM);
      const move = side > 0 ? diffP : diffM;
      if (period === 1) {
        out[0] = counts ? move : 0;
        return;
      }
      if (bars <= period) {
        if (counts) s.dm += move;
        out[0] = bars === period ? s.dm : NaN;
        return;
      }
      s.dm = counts ? s.dm - s.dm / period + move : s.dm - s.dm / period;
      out[0] = s.dm;
    },
  });
}

/** The Wilder sums behind DX, ADX and ADXR. */
export interface DxFields extends PreviousBar {
  plusDm: number;
  minusDm: number;
  tr: number;
}

export const dxFieldsInit = (): DxFields => ({ bars: 0, prevHigh: 0, prevLow: 0, prevClose: 0, plusDm: 0, minusDm: 0, tr: 0 });

export const dxFieldsSpec = () => ({ ...previousBarSpec(), plusDm: nonNegative(), minusDm: nonNegative(), tr: nonNegative() });

export function dxFieldsRelations(s: DxFields): StateProblem | undefined {
  return previousBarRelations(s) ?? (s.bars <= 1 ? stillZero(s, ['plusDm', 'minusDm', 'tr'], 'before the second bar') : undefined);
}

/**
 * One bar of TA-Lib's DX arithmetic (DX, ADX, ADXR, period >= 2): +DM, -DM and TR summed over the
 * first period - 1 moves (a bar's move counts for -DM first, else for +DM), then Wilder sums.
 * Returns the bar's number (1 for the first); from bar `period` on (bars > period) `dxValue` holds
 * the bar's DX = 100 * |-DI - +DI| / (-DI + +DI), or NaN where TA-Lib has none (TR or the DI sum
 * below 1e-14).
 */
export function dxAdvance(s: DxFields, high: number, low: number, close: number, period: number): number {
  const bars = advanceBar(s, high, low, close);
  dxValue = NaN;
  if (bars === 1) return bars;
  const diffP = moves[0]!, diffM = moves[1]!, tr = moves[2]!;
  if (bars <= period) {
    if (isMinusMove(diffP, diffM)) s.minusDm += diffM;
    else if (isPlusMove(diffP, diffM)) s.plusDm += diffP;
    s.tr += tr;
    return bars;
  }
  s.minusDm -= s.minusDm / period;
  s.plusDm -= s.plusDm / period;
  if (isMinusMove(diffP, diffM)) s.minusDm += diffM;
  else if (isPlusMove(diffP, diffM)) s.plusDm += diffP;
  s.tr = s.tr - s.tr / period + tr;
  if (!isZero(s.tr)) {
    const minusDi = 100.0 * (s.minusDm / s.tr);
    const plusDi = 100.0 * (s.plusDm / s.tr);
    const sum = minusDi + plusDi;
    if (!isZero(sum)) dxValue = 100.0 * (Math.abs(minusDi - plusDi) / sum);
  }
  return bars;
}

/** The DX of the last bar dxAdvance took, NaN where TA-Lib computes none. */
export let dxValue = NaN;

/** ADX's fields: the DX sums and the ADX (the sum of the first `period` DX values while seeding). */
export interface AdxFields extends DxFields {
  adx: number;
}

export const adxFieldsInit = (): AdxFields => ({ ...dxFieldsInit(), adx: 0 });

// The sum of up to `period` DX values (each at most 100) while seeding, then the ADX.
export const adxFieldsSpec = (period: number) => ({ ...dxFieldsSpec(), adx: real(0, 100 * period) });

export function adxFieldsRelations(s: AdxFields, period: number): StateProblem | undefined {
  return (
    dxFieldsRelations(s) ??
    (s.bars <= period ? stillZero(s, ['adx'], 'before the first DX') : undefined) ??
    (s.bars >= 2 * period ? unless(s.adx <= 100, 'adx', `is an ADX after bar ${2 * period - 1}, so at most 100`) : undefined)
  );
}

/**
 * One bar of TA-Lib's ADX: the first ADX is the mean of the first `period` DX values (bar
 * 2 * period - 1), then adx = (adx * (period - 1) + dx) / period. A bar without a DX adds nothing to
 * the first mean (still divided by `period`) and later leaves the ADX unchanged. NaN while warming up.
 */
export function adxStep(s: AdxFields, high: number, low: number, close: number, period: number): number {
  const bars = dxAdvance(s, high, low, close, period);
  if (bars <= period) return NaN;
  const dx = dxValue;
  if (bars <= 2 * period) {
    if (!Number.isNaN(dx)) s.adx += dx;
    if (bars < 2 * period) return NaN;
    s.adx /= period;
  } else if (!Number.isNaN(dx)) {
    s.adx = (s.adx * (period - 1) + dx) / period;
  }
  return s.adx;
}
