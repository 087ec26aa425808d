import { streamKernel } from '../../src/define.ts';
import { resumInterval, TA_EPSILON } from '../../src/reference/common.ts';
import { trueRange } from '../../src/reference/truerange.ts';
import { counter, int, real, reals, ringFilling, stillZero } from '../../src/state.ts';
import type { Params } from '../../src/types.ts';

/** TA-Lib's order: the periods sorted, the shortest weighted 4, the middle 2, the longest 1. */
export function ultoscPeriods(p: Params): [number, number, number] {
  const sorted = [p.period1!, p.period2!, p.period3!].sort((a, b) => a - b);
  return [sorted[0]!, sorted[1]!, sorted[2]!];
}

interface UltoscState {
  [key: string]: number | number[];
  bars: number;
  prevClose: number;
  /** The last `longest` terms (close - true low, true range), rings whose `head` is the oldest. */
  buying: number[];
  ranges: number[];
  head: number;
  /** Terms seen (one per bar after the first), counted up to the longest period. */
  terms: number;
  /** Between bars: per period (shortest, middle, longest) the sums of its newest period - 1 terms. */
  a1: number;
  a2: number;
  a3: number;
  b1: number;
  b2: number;
  b3: number;
  /** Outputs left until the sums are summed afresh. */
  untilResum: number;
}

const TOTALS = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'] as const;

/** Sum of the newest count - 1 of the ring's terms before the one about to be written, oldest first. */
function prime(ring: number[], head: number, count: number): number {
  const w = ring.length;
  let sum = 0;
  for (let age = count - 1; age >= 1; age--) {
    // The value `age` bars before the bar about to be written: slot head - age.
    const j = head - age;
    sum += ring[j < 0 ? j + w : j]!;
  }
  return sum;
}

function ageAt(ring: number[], head: number, age: number): number {
  const w = ring.length;
  const j = head - 1 - age;
  return ring[j < 0 ? j + w : j]!;
}

/**
 * TA-Lib ULTOSC: per bar the buying pressure close - min(low, previous close) and the true range;
 * for each period the sums over its last `period` bars; 100 * (4 a1/b1 + 2 a2/b2 + a3/b3) / 7, a
 * ratio left out where its range sum is below 1e-14. The sums are primed (left to right) at the first
 * output and every resumInterval(longest) outputs, as TA-Lib primes them at its start.
 */
export const ultoscStream = streamKernel<UltoscState>({
  init: (p) => {
    const longest = ultoscPeriods(p)[2];
    return { bars: 0, prevClose: 0, buying: new Array<number>(longest).fill(0), ranges: new Array<number>(longest).fill(0), head: 0, terms: 0, a1: 0, a2: 0, a3: 0, b1: 0, b2: 0, b3: 0, untilResum: 0 };
  },
  spec: (p) => {
    const longest = ultoscPeriods(p)[2];
    return {
      bars: counter(Number.MAX_SAFE_INTEGER),
      prevClose: real(),
      buying: reals(longest),
      ranges: reals(longest, 0),
      head: int(0, longest - 1),
      terms: counter(longest),
      a1: real(), a2: real(), a3: real(), b1: real(), b2: real(), b3: real(),
      untilResum: int(0, resumInterval(longest) - 1),
    };
  },
  relations: (s) =>
    (s.bars === 0 ? stillZero(s, ['prevClose'], 'before the first bar') : undefined) ??
    (s.terms !== Math.min(s.buying.length, Math.max(0, s.bars - 1)) ? { field: 'terms', reason: `must be ${Math.min(s.buying.length, Math.max(0, s.bars - 1))} after ${s.bars} bars` } : undefined) ??
    ringFilling(s.buying, s.head, s.terms, 'buying', 'head') ??
    ringFilling(s.ranges, s.head, s.terms, 'ranges', 'head') ??
    (s.terms < s.buying.length ? stillZero(s, [...TOTALS, 'untilResum'], 'before the first output') : undefined),
  derive: (p) => {
    const [short, middle, long] = ultoscPeriods(p);
    return { short, middle, long };
  },
  update(s, bar, out, p) {
    const p1 = p.short!, p2 = p.middle!, p3 = p.long!;
    const high = bar[0]!, low = bar[1]!, close = bar[2]!;
    const prevClose = s.prevClose;
    s.prevClose = close;
    out[0] = NaN;
    if (++s.bars === 1) return;
    const trueLow = low < prevClose ? low : prevClose;
    const a = close - trueLow;
    const b = trueRange(high, low, prevClose);
    const w = s.buying.length;
    if (s.terms < w) s.terms++;
    if (s.terms === w) {
      if (s.untilResum === 0) {
        s.a1 = prime(s.buying, s.head, p1);
        s.b1 = prime(s.ranges, s.head, p1);
        s.a2 = prime(s.buying, s.head, p2);
        s.b2 = prime(s.ranges, s.head, p2);
        s.a3 = prime(s.buying, s.head, p3);
        s.b3 = prime(s.ranges, s.head, p3);
        s.untilResum = resumInterval(p3);
      }
    }
    s.buying[s.head] = a;
    s.ranges[s.head] = b;
    s.head = s.head + 1 === w ? 0 : s.head + 1;
    if (s.terms < w) return;
    s.a1 += a;
    s.a2 += a;
    s.a3 += a;
    s.b1 += b;
    s.b2 += b;
    s.b3 += b;
    let output = 0.0;
    if (!isZero(s.b1)) output += 4.0 * (s.a1 / s.b1);
    if (!isZero(s.b2)) output += 2.0 * (s.a2 / s.b2);
    if (!isZero(s.b3)) output += s.a3 / s.b3;
    s.a1 -= ageAt(s.buying, s.head, p1 - 1);
    s.b1 -= ageAt(s.ranges, s.head, p1 - 1);
    s.a2 -= ageAt(s.buying, s.head, p2 - 1);
    s.b2 -= ageAt(s.ranges, s.head, p2 - 1);
    s.a3 -= ageAt(s.buying, s.head, p3 - 1);
    s.b3 -= ageAt(s.ranges, s.head, p3 - 1);
    s.untilResum--;
    out[0] = 100.0 * (output / 7.0);
  },
});

function isZero(v: number): boolean {
  return -TA_EPSILON < v && v < TA_EPSILON;
}
