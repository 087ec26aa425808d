/**
 * OHLC series made to trigger candlestick patterns: each bar is drawn from a palette of candle
 * shapes (dojis of every kind, marubozu, long and short bodies, hammers and stars, gaps up and down,
 * inside and outside bars, flat bars with high == low, closes equal to the previous close, runs of
 * rising and falling candles), placed relative to the bar before. Prices are whole multiples of
 * 1/4 by default, so averages and comparisons are exact and ties (equal closes, bodies exactly at a
 * threshold) really occur; `offGrid` scales them by an irrational-ish factor instead.
 */
import { rng } from './series.ts';

export interface Ohlc {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

export interface CandleSeriesOptions {
  /** Multiply every price by this (1 keeps the quarter grid). */
  scale?: number;
  /** Price level the series starts at. */
  start?: number;
}

type Bar = [o: number, h: number, l: number, c: number];

const KINDS = [
  'walk', 'walk', 'long', 'long', 'marubozu', 'openingMarubozu', 'closingMarubozu', 'doji', 'doji',
  'dragonfly', 'gravestone', 'longLegged', 'fourPrice', 'spinning', 'hammer', 'shootingStar',
  'gapUp', 'gapDown', 'inside', 'insideDoji', 'engulf', 'flat', 'equalClose', 'equalOpen', 'run',
  'star', 'piercing', 'pullback', 'kicker', 'sideBySide', 'tiny', 'gapTwoCrows', 'twoCrows', 'threeStars', 'babySwallow', 'matHold', 'breakaway',
] as const;

export function candleSeries(n: number, seed: number, options: CandleSeriesOptions = {}): Ohlc {
  const r = rng(seed * 7919 + 13);
  const q = (x: number) => Math.round(x * 4) / 4; // the quarter grid
  const u = 4; // a typical body
  const between = (a: number, b: number) => q(a + (b - a) * r());
  const bars: Bar[] = [];
  let prev: Bar = [options.start ?? 100, (options.start ?? 100) + 1, (options.start ?? 100) - 1, options.start ?? 100];
  const push = (b: Bar) => {
    const [o, h, l, c] = b;
    const bar: Bar = [o, Math.max(h, o, c), Math.min(l, o, c), c];
    bars.push(bar);
    prev = bar;
  };
  /** A candle with body from o to c and the given shadows. */
  const candle = (o: number, c: number, up: number, down: number): Bar => [o, Math.max(o, c) + up, Math.min(o, c) - down, c];
  const sign = () => (r() < 0.5 ? 1 : -1);
  let queue: Bar[] = [];
  let step = 0;
  while (bars.length < n) {
    if (queue.length) {
      push(queue.shift()!);
      continue;
    }
    const [po, ph, pl, pc] = prev;
    const top = Math.max(po, pc), bottom = Math.min(po, pc);
    // Every third candle shape comes from a round over the palette, so each template appears regularly.
    const kind = step % 3 === 0 ? KINDS[(step / 3) % KINDS.length]! : KINDS[Math.floor(r() * KINDS.length)]!;
    step++;
    const s = sign();
    switch (kind) {
      case 'walk': {
        const o = q(pc + (r() - 0.5) * u);
        push(candle(o, q(o + (r() - 0.5) * 3 * u), between(0, u), between(0, u)));
        break;
      }
      case 'long': {
        const o = q(pc + (r() - 0.5) * u);
        push(candle(o, o + s * between(2 * u, 5 * u), between(0, u / 4), between(0, u / 4)));
        break;
      }
      case 'marubozu': { const o = pc; push(candle(o, o + s * between(2 * u, 5 * u), 0, 0)); break; }
      case 'openingMarubozu': {
        const o = q(pc + (r() - 0.5) * u), c = o + s * between(2 * u, 4 * u);
        push(s > 0 ? candle(o, c, between(0, u), 0) : candle(o, c, 0, between(0, u)));
        break;
      }
      case 'closingMarubozu': {
        const o = q(pc + (r() - 0.5) * u), c = o + s * between(2 * u, 4 * u);
        push(s > 0 ? candle(o, c, 0, between(0, u)) : candle(o, c, between(0, u), 0));
        break;
      }
      case 'doji': { const o = q(pc + (r() - 0.5) * u); push(candle(o, o + (r() < 0.5 ? 0 : 0.25 * s), between(0, 2 * u), between(0, 2 * u))); break; }
      case 'dragonfly': { const o = q(pc + (r() - 0.5) * u); push(candle(o, o, 0, between(u, 3 * u))); break; }
      case 'gravestone': { const o = q(pc + (r() - 0.5) * u); push(candle(o, o, between(u, 3 * u), 0)); break; }
      case 'longLegged': { const o = q(pc + (r() - 0.5) * u); push(candle(o, o, between(2 * u, 4 * u), between(2 * u, 4 * u))); break; }
      case 'fourPrice': case 'flat': push([pc, pc, pc, pc]); break;
      case 'spinning': { const o = q(pc + (r() - 0.5) * u); push(candle(o, o + s * between(0.25, u / 2), between(u, 2 * u), between(u, 2 * u))); break; }
      case 'hammer': { const o = q(pl + (r() - 0.5) * u); push(candle(o, o + s * between(0.25, u / 2), r() < 0.5 ? 0 : 0.25, between(2 * u, 3 * u))); break; }
      case 'shootingStar': { const o = q(ph + (r() - 0.5) * u); push(candle(o, o + s * between(0.25, u / 2), between(2 * u, 3 * u), r() < 0.5 ? 0 : 0.25)); break; }
      case 'gapUp': { const o = ph + between(0.25, 2 * u); push(candle(o, o + s * between(0, 3 * u), between(0, u), r() < 0.5 ? 0 : between(0, u / 2))); break; }
      case 'gapDown': { const o = pl - between(0.25, 2 * u); push(candle(o, o + s * between(0, 3 * u), r() < 0.5 ? 0 : between(0, u / 2), between(0, u))); break; }
      case 'inside': {
        const a = between(bottom, top), b = between(bottom, top);
        push([r() < 0.5 ? a : b, between(Math.max(a, b), ph), between(pl, Math.min(a, b)), r() < 0.5 ? b : a]);
        break;
      }
      case 'insideDoji': { const o = between(bottom, top); push(candle(o, o, between(0, u / 2), between(0, u / 2))); break; }
      case 'engulf': {
        const white = pc < po;
        const o = white ? bottom - between(0, u) : top + between(0, u);
        const c = white ? top + between(0.25, u) : bottom - between(0.25, u);
        push(candle(o, c, between(0, u / 2), between(0, u / 2)));
        break;
      }
      case 'equalClose': { push(candle(q(pc + s * between(u, 3 * u)), pc, between(0, u / 2), between(0, u / 2))); break; }
      case 'equalOpen': { push(candle(po, q(po + s * between(u, 3 * u)), between(0, u / 2), between(0, u / 2))); break; }
      case 'run': {
        // three to five candles of one colour, each opening inside the body before and closing beyond it
        let o = pc, c = pc;
        const len = 3 + Math.floor(r() * 3);
        let last: Bar = prev;
        for (let j = 0; j < len; j++) {
          o = j === 0 ? q(pc + (r() - 0.5) * u) : between(Math.min(last[0], last[3]), Math.max(last[0], last[3]));
          c = (j === 0 ? o : last[3]) + s * between(u, 3 * u);
          last = candle(o, c, s > 0 ? between(0, u / 8) : between(0, u / 2), s > 0 ? between(0, u / 2) : between(0, u / 8));
          queue.push(last);
        }
        break;
      }
      case 'star': {
        // long body, a small body gapping away, then a long body the other way reaching into the first
        const o1 = q(pc + (r() - 0.5) * u), c1 = o1 + s * between(3 * u, 5 * u);
        const o2 = c1 + s * between(0.25, u), c2 = o2 + (r() < 0.5 ? 0 : sign() * 0.25);
        const o3 = c2 - s * between(0.25, u), c3 = o3 - s * between(3 * u, 5 * u);
        queue = [candle(o1, c1, 0.25, 0.25), candle(o2, c2, between(0, u / 2), between(0, u / 2)), candle(o3, c3, 0.25, 0.25)];
        break;
      }
      case 'piercing': {
        // long body, then a body opening beyond its extreme and closing back into it (or at its close)
        const o1 = q(pc + (r() - 0.5) * u), c1 = o1 + s * between(3 * u, 5 * u);
        const first = candle(o1, c1, between(0, 1), between(0, 1));
        const o2 = s > 0 ? first[1] + between(0.25, u) : first[2] - between(0.25, u);
        const c2 = r() < 0.3 ? c1 : q(c1 - s * (c1 - o1) * between(0, 1.2) / 1);
        queue = [first, candle(o2, c2, between(0, 0.5), between(0, 0.5))];
        break;
      }
      case 'pullback': {
        // a long candle, three small ones drifting back inside it, then a long one breaking out (three methods)
        const o1 = q(pc + (r() - 0.5) * u), c1 = o1 + s * between(3 * u, 5 * u);
        const seq: Bar[] = [candle(o1, c1, 0.25, 0.25)];
        let lvl = c1;
        for (let j = 0; j < 3; j++) {
          const o = lvl, c = lvl - s * between(0.25, u / 2);
          seq.push(candle(o, c, 0.25, 0.25));
          lvl = c;
        }
        seq.push(candle(lvl + s * 0.25, c1 + s * between(1, 2 * u), 0.25, 0.25));
        queue = seq;
        break;
      }
      case 'kicker': {
        const o1 = q(pc + (r() - 0.5) * u), c1 = o1 + s * between(3 * u, 5 * u);
        const o2 = s > 0 ? o1 - between(0.25, u) : o1 + between(0.25, u);
        queue = [candle(o1, c1, 0, 0), candle(o2, o2 - s * between(3 * u, 5 * u), 0, 0)];
        break;
      }
      case 'sideBySide': {
        // a gap, then two white (or black) candles of about the same size opening at about the same price
        const o1 = s > 0 ? ph + between(0.25, u) : pl - between(0.25, u);
        const len = between(u, 2 * u);
        queue = [candle(o1, o1 + len, 0.25, 0.25), candle(o1 + (r() < 0.5 ? 0 : 0.25), o1 + len + (r() < 0.5 ? 0 : 0.25), 0.25, 0.25)];
        break;
      }
      case 'gapTwoCrows': {
        // long white, a short black body gapping up, a black one engulfing it and closing above the first close
        const x = pc, d = between(0, 1);
        queue = [candle(x, x + 16 + d, 0.5, 0.5), candle(x + 22 + d, x + 20 + d, 1, 0.5), candle(x + 23 + d, x + 18 + d, 0.5, 0.5)];
        break;
      }
      case 'twoCrows': {
        // long white, a black body gapping up, a black one opening inside it and closing inside the first body
        const x = pc, d = between(0, 2);
        queue = [candle(x, x + 16, 0.5, 0.5), candle(x + 24, x + 20 + d, 1, 0.5), candle(x + 22, x + 10 - d, 0.5, 0.5)];
        break;
      }
      case 'babySwallow': {
        // two black marubozu, a black candle gapping down with an upper shadow into the second body, a black one engulfing it
        const x = pc, d = between(0, 1);
        queue = [[x, x, x - 12, x - 12], [x - 13, x - 13, x - 25, x - 25], [x - 27, x - 24 + d / 2, x - 31, x - 31], [x - 24, x - 23, x - 34, x - 33 + d]];
        break;
      }
      case 'matHold': {
        // long white, a short black gapping up, two short ones holding inside the first body, a white close above them
        const x = pc, d = between(0, 1);
        queue = [candle(x, x + 16, 0.5, 0.5), candle(x + 19, x + 18, 0.5, 0.5), candle(x + 17, x + 15 - d, 0.5, 0.5), candle(x + 16.5, x + 14, 0.5, 0.5), candle(x + 15, x + 22 + d, 0.5, 0.5)];
        break;
      }
      case 'breakaway': {
        // long black, a black gapping down, two more making lower highs and lows, a white closing inside the gap
        const x = pc, d = between(0, 1);
        queue = [candle(x, x - 16, 0.5, 0.5), candle(x - 18, x - 20, 0.5, 0.5), candle(x - 19, x - 21, 0.5, 0.5), candle(x - 20, x - 22.5, 0.5, 0.5), candle(x - 22, x - 17.5 + d, 0.5, 0.5)];
        break;
      }
      case 'threeStars': {
        // three stars in the south: long black with a long lower shadow, a smaller black inside its range, a small black marubozu
        const x = pc;
        queue = [[x, x + 0.25, x - 36, x - 16], [x - 8, x - 7.75, x - 28, x - 18], [x - 18, x - 18, x - 20 + between(0, 1), x - 20 + between(0, 1)]];
        break;
      }
      case 'tiny': { const o = pc; push(candle(o, o + s * 0.25, 0.25, 0.25)); break; }
    }
  }
  const out: Ohlc = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n) };
  const scale = options.scale ?? 1;
  for (let i = 0; i < n; i++) {
    const b = bars[i]!;
    out.open[i] = b[0] * scale;
    out.high[i] = b[1] * scale;
    out.low[i] = b[2] * scale;
    out.close[i] = b[3] * scale;
  }
  return out;
}

/** The test data of the pattern tests: made-up series on and off the grid, at several price levels. */
export function patternTestSeries(): { label: string; ohlc: Ohlc }[] {
  const sets: { label: string; ohlc: Ohlc }[] = [];
  for (let seed = 1; seed <= 6; seed++) sets.push({ label: `made seed ${seed}`, ohlc: candleSeries(3000, seed) });
  sets.push({ label: 'made, scaled by pi/3', ohlc: candleSeries(3000, 7, { scale: Math.PI / 3 }) });
  sets.push({ label: 'made, scaled by 1e-6', ohlc: candleSeries(2000, 8, { scale: 1e-6 }) });
  sets.push({ label: 'made, near zero', ohlc: candleSeries(2000, 9, { start: 30 }) });
  return sets;
}
