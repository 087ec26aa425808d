import * as its from 'indicatorts';
import type { Peer, PeerCall, TaOpts } from './types.ts';
import { opt, requireMaType, requireSma, rightAlign, Unsupported } from './types.ts';
import type { Bars } from '../lib/bars.ts';

interface Spec {
  run(b: Bars, o: TaOpts): unknown;
  /** The result's arrays in TA-Lib's output order (null: not given). */
  outputs(res: unknown): (ArrayLike<number> | null)[];
}

const single = (res: unknown) => [res as number[]];
const p = (o: TaOpts) => ({ period: opt(o, 'TimePeriod') });
// Typed as number[] but only indexed: the Float64Arrays are passed as they are (checked by conformance).
const a = (x: Float64Array) => x as unknown as number[];

const table: Record<string, Spec> = {
  MAX: { run: (b, o) => its.mmax(a(b.close), p(o)), outputs: single },
  MIN: { run: (b, o) => its.mmin(a(b.close), p(o)), outputs: single },
  // Its APO is EMA-based (TA-Lib MA type 1; checked below).
  APO: { run: (b, o) => its.apo(a(b.close), { fast: opt(o, 'FastPeriod'), slow: opt(o, 'SlowPeriod') }), outputs: single },
  SMA: { run: (b, o) => its.sma(a(b.close), p(o)), outputs: single },
  EMA: { run: (b, o) => its.ema(a(b.close), p(o)), outputs: single },
  DEMA: { run: (b, o) => its.dema(a(b.close), p(o)), outputs: single },
  SUM: { run: (b, o) => its.msum(a(b.close), p(o)), outputs: single },
  TEMA: { run: (b, o) => its.tema(a(b.close), p(o)), outputs: single },
  RSI: { run: (b, o) => its.rsi(a(b.close), p(o)), outputs: single },
  BBANDS: {
    run: (b, o) => its.bb(a(b.close), p(o)),
    outputs: (r) => {
      const bb = r as its.BBResult;
      return [bb.upper, bb.middle, bb.lower];
    },
  },
  MACD: {
    run: (b, o) => its.macd(a(b.close), { fast: opt(o, 'FastPeriod'), slow: opt(o, 'SlowPeriod'), signal: opt(o, 'SignalPeriod') }),
    outputs: (r) => {
      const m = r as its.MACDResult;
      return [m.macdLine, m.signalLine, null];
    },
  },
  // Its acceleration bands take TA-Lib's width factor 4 as `multiplier`.
  ACCBANDS: {
    run: (b, o) => its.accelerationBands(a(b.high), a(b.low), a(b.close), { period: opt(o, 'TimePeriod'), multiplier: 4 }),
    outputs: (r) => {
      const ab = r as its.ABResult;
      return [ab.upper, ab.middle, ab.lower];
    },
  },
  AROON: {
    run: (b, o) => its.aroon(a(b.high), a(b.low), p(o)),
    outputs: (r) => {
      const ar = r as its.AroonResult;
      return [ar.down, ar.up];
    },
  },
  ATR: { run: (b, o) => its.atr(a(b.high), a(b.low), a(b.close), p(o)), outputs: (r) => [(r as its.ATRResult).atrLine] },
  TRANGE: { run: (b) => its.tr(a(b.high), a(b.low), a(b.close)), outputs: single },
  TYPPRICE: { run: (b) => its.typprice(a(b.high), a(b.low), a(b.close)), outputs: single },
  BOP: { run: (b) => its.bop(a(b.open), a(b.high), a(b.low), a(b.close)), outputs: single },
  TRIMA: { run: (b, o) => its.trima(a(b.close), p(o)), outputs: single },
  WILLR: { run: (b, o) => its.willr(a(b.high), a(b.low), a(b.close), p(o)), outputs: single },
  CCI: { run: (b, o) => its.cci(a(b.high), a(b.low), a(b.close), p(o)), outputs: single },
  OBV: { run: (b) => its.obv(a(b.close), a(b.volume)), outputs: single },
  MFI: { run: (b, o) => its.mfi(a(b.high), a(b.low), a(b.close), a(b.volume), p(o)), outputs: single },
  AD: { run: (b) => its.ad(a(b.high), a(b.low), a(b.close), a(b.volume)), outputs: single },
};

/** Parameters it cannot take: its Bollinger bands are fixed at 2 deviations. */
function check(name: string, o: TaOpts): void {
  if (name === 'APO') requireMaType(o, 'MAType', 1, 'exponential');
  if (name === 'BBANDS') {
    requireSma(o, 'MAType');
    if (opt(o, 'NbDevUp') !== 2 || opt(o, 'NbDevDn') !== 2) throw new Unsupported('deviations other than 2 (fixed)');
  }
}

function call(name: string, o: TaOpts): PeerCall {
  check(name, o);
  const spec = table[name]!;
  return {
    run: (bars) => spec.run(bars, o),
    align: (res, n) => spec.outputs(res).map((x) => (x === null ? null : rightAlign(x, n))),
  };
}

export const indicatortsPeer: Peer = {
  id: 'indicatorts',
  package: 'indicatorts',
  implementation: 'TypeScript',
  callStyle: 'sma(Float64Array, {period}) etc. (accepts the typed array); full-length outputs',
  functions: Object.fromEntries(Object.keys(table).map((k) => [k, (o: TaOpts) => call(k, o)])),
};
