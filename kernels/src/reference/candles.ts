/**
 * TA-Lib's candle vocabulary (ta_utility.h, ta_global.c): the parts of a candle, and the candle
 * settings that say what "long", "short", "near" ... mean as a factor of an average range over the
 * bars before the candle. Every pattern reads its averages through `Candles`.
 */

/** How a setting measures a candle (TA_RangeType). */
export const REAL_BODY = 0;
export const HIGH_LOW = 1;
export const SHADOWS = 2;

export interface CandleSetting {
  name: string;
  /** REAL_BODY, HIGH_LOW or SHADOWS. */
  rangeType: number;
  /** Bars averaged before the candle; 0 = the candle's own range. */
  avgPeriod: number;
  factor: number;
}

/** TA_CandleDefaultSettings, in TA-Lib's order (the index is the setting's number). */
export const CANDLE_SETTINGS: readonly CandleSetting[] = Object.freeze([
  { name: 'BodyLong', rangeType: REAL_BODY, avgPeriod: 10, factor: 1.0 },
  { name: 'BodyVeryLong', rangeType: REAL_BODY, avgPeriod: 10, factor: 3.0 },
  { name: 'BodyShort', rangeType: REAL_BODY, avgPeriod: 10, factor: 1.0 },
  { name: 'BodyDoji', rangeType: HIGH_LOW, avgPeriod: 10, factor: 0.1 },
  { name: 'ShadowLong', rangeType: REAL_BODY, avgPeriod: 0, factor: 1.0 },
  { name: 'ShadowVeryLong', rangeType: REAL_BODY, avgPeriod: 0, factor: 2.0 },
  { name: 'ShadowShort', rangeType: SHADOWS, avgPeriod: 10, factor: 1.0 },
  { name: 'ShadowVeryShort', rangeType: HIGH_LOW, avgPeriod: 10, factor: 0.1 },
  { name: 'Near', rangeType: HIGH_LOW, avgPeriod: 5, factor: 0.2 },
  { name: 'Far', rangeType: HIGH_LOW, avgPeriod: 5, factor: 0.6 },
  { name: 'Equal', rangeType: HIGH_LOW, avgPeriod: 5, factor: 0.05 },
].map((s) => Object.freeze(s)));

export const BODY_LONG = 0;
export const BODY_VERY_LONG = 1;
export const BODY_SHORT = 2;
export const BODY_DOJI = 3;
export const SHADOW_LONG = 4;
export const SHADOW_VERY_LONG = 5;
export const SHADOW_SHORT = 6;
export const SHADOW_VERY_SHORT = 7;
export const NEAR = 8;
export const FAR = 9;
export const EQUAL = 10;

/** The accessor names patterns call for each setting (`c.bodyLong(k)`), by setting number. */
export const SETTING_METHODS = [
  'bodyLong', 'bodyVeryLong', 'bodyShort', 'bodyDoji', 'shadowLong', 'shadowVeryLong',
  'shadowShort', 'shadowVeryShort', 'near', 'far', 'equal',
] as const;

// The settings as flat arrays, for the accessors' inner loops.
const SETTING_PERIOD = Int32Array.from(CANDLE_SETTINGS, (s) => s.avgPeriod);
const SETTING_RANGE = Int32Array.from(CANDLE_SETTINGS, (s) => s.rangeType);
const SETTING_FACTOR = Float64Array.from(CANDLE_SETTINGS, (s) => s.factor);
const SETTING_DIVISOR = Float64Array.from(CANDLE_SETTINGS, (s) => (s.rangeType === SHADOWS ? 2.0 : 1.0));

/** Bars a setting averages (TA_CANDLEAVGPERIOD). */
export function avgPeriod(setting: number): number {
  return CANDLE_SETTINGS[setting]!.avgPeriod;
}

/** The largest average period of `settings` plus `extra`: how TA-Lib writes a pattern's lookback. */
export function patternLookback(settings: readonly number[], extra: number): number {
  let p = 0;
  for (const s of settings) p = Math.max(p, avgPeriod(s));
  return p + extra;
}

/** TA_CANDLERANGE for one candle. */
export function candleRange(rangeType: number, o: number, h: number, l: number, c: number): number {
  if (rangeType === REAL_BODY) return Math.abs(c - o);
  if (rangeType === HIGH_LOW) return h - l;
  // TA_UPPERSHADOW + TA_LOWERSHADOW
  return (h - (c >= o ? c : o)) + ((c >= o ? o : c) - l);
}

/** Candle offsets a pattern may look back from its last candle (k in `c.open(k)`), for the slot table. */
export const MAX_OFFSET = 8;

const EMPTY = new Float64Array(0);

/** The mark of a stateful pattern when no bar is marked (bars since a mark are counted up to it). */
export const MARK_NONE = 1 << 20;

/** One running average a pattern keeps: a setting measured on the candle k bars back. */
export type AverageUse = readonly [setting: number, k: number];

/**
 * The candles a pattern sees at bar `i` (offset k = the candle k bars before i), with TA-Lib's
 * macros as methods and the pattern's running totals (TA_CANDLEAVERAGE). Arrays are either the whole
 * series (batch) or a stream's window of the latest bars (with `i` its last slot).
 */
export class Candles {
  o: Float64Array;
  h: Float64Array;
  l: Float64Array;
  c: Float64Array;
  i = 0;
  /** The running total of each average the pattern uses, in the order of its `averages` (or the scanner's shared totals). */
  tot: Float64Array;
  /** Stateful patterns (Hikkake): values kept from bar to bar, and bars since a marked bar (MARK_NONE: none). */
  mem: number[] = [];
  bars = MARK_NONE;
  private readonly slotOf: Int32Array;

  /** `slots[t]`: where in `tot` the total of `averages[t]` is (by default its own position t). */
  constructor(averages: readonly AverageUse[], slots?: readonly number[]) {
    this.o = this.h = this.l = this.c = this.tot = EMPTY;
    this.slotOf = new Int32Array(CANDLE_SETTINGS.length * MAX_OFFSET).fill(-1);
    averages.forEach(([s, k], t) => (this.slotOf[s * MAX_OFFSET + k] = slots ? slots[t]! : t));
  }

  open(k: number): number { return this.o[this.i - k]!; }
  high(k: number): number { return this.h[this.i - k]!; }
  low(k: number): number { return this.l[this.i - k]!; }
  close(k: number): number { return this.c[this.i - k]!; }

  /** TA_REALBODY */
  realBody(k: number): number { return Math.abs(this.c[this.i - k]! - this.o[this.i - k]!); }
  /** TA_UPPERSHADOW */
  upperShadow(k: number): number {
    const o = this.o[this.i - k]!, c = this.c[this.i - k]!;
    return this.h[this.i - k]! - (c >= o ? c : o);
  }
  /** TA_LOWERSHADOW */
  lowerShadow(k: number): number {
    const o = this.o[this.i - k]!, c = this.c[this.i - k]!;
    return (c >= o ? o : c) - this.l[this.i - k]!;
  }
  /** TA_HIGHLOWRANGE */
  highLowRange(k: number): number { return this.h[this.i - k]! - this.l[this.i - k]!; }
  /** TA_CANDLECOLOR: 1 white (close >= open), -1 black. */
  color(k: number): number { return this.c[this.i - k]! >= this.o[this.i - k]! ? 1 : -1; }
  /** max(open, close) of candle k: the top of its real body. */
  bodyTop(k: number): number { const o = this.o[this.i - k]!, c = this.c[this.i - k]!; return o > c ? o : c; }
  /** min(open, close) of candle k. */
  bodyBottom(k: number): number { const o = this.o[this.i - k]!, c = this.c[this.i - k]!; return o < c ? o : c; }
  /** TA_REALBODYGAPUP(i-a, i-b): candle a's body entirely above candle b's. */
  realBodyGapUp(a: number, b: number): boolean { return this.bodyBottom(a) > this.bodyTop(b); }
  /** TA_REALBODYGAPDOWN(i-a, i-b) */
  realBodyGapDown(a: number, b: number): boolean { return this.bodyTop(a) < this.bodyBottom(b); }
  /** TA_CANDLEGAPUP(i-a, i-b): low of a above high of b. */
  candleGapUp(a: number, b: number): boolean { return this.l[this.i - a]! > this.h[this.i - b]!; }
  /** TA_CANDLEGAPDOWN(i-a, i-b) */
  candleGapDown(a: number, b: number): boolean { return this.h[this.i - a]! < this.l[this.i - b]!; }

  /** TA_CANDLEAVERAGE(setting, total of candle k, i - k): factor * (total / period) / (2 for shadows). */
  average(setting: number, k: number): number {
    const p = SETTING_PERIOD[setting]!;
    let base: number;
    if (p !== 0) {
      base = this.tot[this.slotOf[setting * MAX_OFFSET + k]!]! / p;
    } else {
      const j = this.i - k;
      base = candleRange(SETTING_RANGE[setting]!, this.o[j]!, this.h[j]!, this.l[j]!, this.c[j]!);
    }
    return (SETTING_FACTOR[setting]! * base) / SETTING_DIVISOR[setting]!;
  }

  /** Memory of stateful patterns: value j kept from the bars before. */
  get(j: number): number { return this.mem[j]!; }
  set(j: number, v: number): void { this.mem[j] = v; }
  /** Bars since the bar marked with setMark() (0 on that bar), or MARK_NONE. */
  mark(): number { return this.bars; }
  setMark(): void { this.bars = 0; }
  clearMark(): void { this.bars = MARK_NONE; }

  bodyLong(k: number): number { return this.average(BODY_LONG, k); }
  bodyVeryLong(k: number): number { return this.average(BODY_VERY_LONG, k); }
  bodyShort(k: number): number { return this.average(BODY_SHORT, k); }
  bodyDoji(k: number): number { return this.average(BODY_DOJI, k); }
  shadowLong(k: number): number { return this.average(SHADOW_LONG, k); }
  shadowVeryLong(k: number): number { return this.average(SHADOW_VERY_LONG, k); }
  shadowShort(k: number): number { return this.average(SHADOW_SHORT, k); }
  shadowVeryShort(k: number): number { return this.average(SHADOW_VERY_SHORT, k); }
  near(k: number): number { return this.average(NEAR, k); }
  far(k: number): number { return this.average(FAR, k); }
  equal(k: number): number { return this.average(EQUAL, k); }
}
