import { streamKernel } from '../../src/define.ts';
import { resumInterval, TA_EPSILON } from '../../src/reference/common.ts';
import { counter, int, real, reals, ringFilling, stillZero } from '../../src/state.ts';

interface AccbandsState {
  [key: string]: number | number[];
  /** The last `period` values of each averaged series, rings sharing `head` (the oldest). */
  uppers: number[];
  closes: number[];
  lowers: number[];
  head: number;
  seen: number;
  /** Between bars: the sums of the newest period - 1 values of each series. */
  upper: number;
  middle: number;
  lower: number;
  /** Outputs left until the sums are summed afresh. */
  untilResum: number;
}

/** TA-Lib's band terms: high * (1 + 4 (h - l) / (h + l)) and low * (1 - ...), the plain high and low where h + l is near 0. */
export function bandTerms(high: number, low: number, out: Float64Array): void {
  const sum = high + low;
  if (-TA_EPSILON < sum && sum < TA_EPSILON) {
    out[0] = high;
    out[1] = low;
    return;
  }
  const width = (4 * (high - low)) / sum;
  out[0] = high * (1 + width);
  out[1] = low * (1 - width);
}

const terms = new Float64Array(2);

/**
 * TA-Lib ACCBANDS: three TA-Lib SMAs of `period` (the upper terms, the close, the lower terms), each
 * add the newest, emit total / period, subtract the oldest; summed afresh, oldest first, at the first
 * output and every resumInterval(period) outputs.
 */
export const accbandsStream = streamKernel<AccbandsState>({
  init: (p) => {
    const ring = () => new Array<number>(p.period!).fill(0);
    return { uppers: ring(), closes: ring(), lowers: ring(), head: 0, seen: 0, upper: 0, middle: 0, lower: 0, untilResum: 0 };
  },
  spec: (p) => ({
    uppers: reals(p.period!),
    closes: reals(p.period!),
    lowers: reals(p.period!),
    head: int(0, p.period! - 1),
    seen: counter(p.period!),
    upper: real(),
    middle: real(),
    lower: real(),
    untilResum: int(0, resumInterval(p.period!) - 1),
  }),
  relations: (s) =>
    ringFilling(s.uppers, s.head, s.seen, 'uppers', 'head') ??
    ringFilling(s.closes, s.head, s.seen, 'closes', 'head') ??
    ringFilling(s.lowers, s.head, s.seen, 'lowers', 'head') ??
    (s.seen < s.closes.length ? stillZero(s, ['upper', 'middle', 'lower', 'untilResum'], 'before the first output') : undefined),
  update(s, bar, out, p) {
    const period = p.period!;
    bandTerms(bar[0]!, bar[1]!, terms);
    const up = terms[0]!, close = bar[2]!, lo = terms[1]!;
    if (s.seen < period) s.seen++;
    const full = s.seen === period;
    const head = s.head;
    if (full && s.untilResum === 0) {
      // The sums of the newest period - 1 values, oldest first (slot head is the oldest, about to be replaced).
      let su = 0, sm = 0, sl = 0;
      for (let i = 1; i < period; i++) {
        const j = (head + i) % period;
        su += s.uppers[j]!;
        sm += s.closes[j]!;
        sl += s.lowers[j]!;
      }
      s.upper = su;
      s.middle = sm;
      s.lower = sl;
      s.untilResum = resumInterval(period);
    }
    s.uppers[head] = up;
    s.closes[head] = close;
    s.lowers[head] = lo;
    s.head = head + 1 === period ? 0 : head + 1;
    if (!full) {
      out[0] = out[1] = out[2] = NaN;
      return;
    }
    // After the write, slot s.head holds the oldest value of this window: it leaves after the output.
    const tu = s.upper + up, tm = s.middle + close, tl = s.lower + lo;
    out[0] = tu / period;
    out[1] = tm / period;
    out[2] = tl / period;
    s.upper = tu - s.uppers[s.head]!;
    s.middle = tm - s.closes[s.head]!;
    s.lower = tl - s.lowers[s.head]!;
    s.untilResum--;
  },
});
