import * as ts from 'trading-signals';
import type { Bars } from '../lib/bars.ts';
import type { Peer, PeerCall, TaOpts } from './types.ts';
import { opt, requireMaType, requireSma, Unsupported } from './types.ts';

/** The library's indicators are streams: one object, `add` per bar (how its users compute a series too). */
interface Stream {
  add(input: unknown): unknown;
}

interface Spec {
  make(o: TaOpts): Stream;
  /** What one bar is for this indicator: the close, or a candle object. */
  bar: 'close' | 'hlc' | 'hl' | 'hlcv' | 'ohlc';
  /** Field of each result object per TA-Lib output, or undefined when results are numbers. */
  fields?: (string | null)[];
}

const p = (o: TaOpts) => opt(o, 'TimePeriod');

const table: Record<string, Spec> = {
  // Its APO and PPO are EMA-based (TA-Lib MA type 1).
  APO: { make: (o) => { requireMaType(o, 'MAType', 1, 'exponential'); return new ts.APO({ fastPeriod: opt(o, 'FastPeriod'), slowPeriod: opt(o, 'SlowPeriod') }); }, bar: 'close' },
  KAMA: { make: (o) => new ts.KAMA(p(o)), bar: 'close' },
  PPO: { make: (o) => { requireMaType(o, 'MAType', 1, 'exponential'); return new ts.PPO({ fastPeriod: opt(o, 'FastPeriod'), slowPeriod: opt(o, 'SlowPeriod') }); }, bar: 'close' },
  SMA: { make: (o) => new ts.SMA(p(o)), bar: 'close' },
  EMA: { make: (o) => new ts.EMA(p(o)), bar: 'close' },
  T3: { make: (o) => new ts.T3(p(o), opt(o, 'VFactor')), bar: 'close' },
  TRIMA: { make: (o) => new ts.TRIMA(p(o)), bar: 'close' },
  WMA: { make: (o) => new ts.WMA(p(o)), bar: 'close' },
  DEMA: { make: (o) => new ts.DEMA(p(o)), bar: 'close' },
  TEMA: { make: (o) => new ts.TEMA(p(o)), bar: 'close' },
  HT_TRENDLINE: { make: () => new ts.HTTrendline(), bar: 'close' },
  MAMA: { make: (o) => new ts.MAMA({ fastLimit: opt(o, 'FastLimit'), slowLimit: opt(o, 'SlowLimit') }), bar: 'close', fields: ['mama', 'fama'] },
  TRIX: { make: (o) => new ts.TRIX(p(o)), bar: 'close' },
  RSI: { make: (o) => new ts.RSI(p(o)), bar: 'close' },
  CMO: { make: (o) => new ts.CMO(p(o)), bar: 'close' },
  ROC: { make: (o) => new ts.ROC(p(o)), bar: 'close' },
  MOM: { make: (o) => new ts.MOM(p(o)), bar: 'close' },
  BBANDS: {
    make: (o) => {
      requireSma(o, 'MAType');
      if (opt(o, 'NbDevUp') !== opt(o, 'NbDevDn')) throw new Unsupported('different up and down deviations');
      return new ts.BollingerBands(p(o), opt(o, 'NbDevUp'));
    },
    bar: 'close',
    fields: ['upper', 'middle', 'lower'],
  },
  MACD: {
    make: (o) => new ts.MACD(new ts.EMA(opt(o, 'FastPeriod')), new ts.EMA(opt(o, 'SlowPeriod')), new ts.EMA(opt(o, 'SignalPeriod'))),
    bar: 'close',
    fields: ['macd', 'signal', 'histogram'],
  },
  ATR: { make: (o) => new ts.ATR(p(o)), bar: 'hlc' },
  NATR: { make: (o) => new ts.NATR(p(o)), bar: 'hlc' },
  TRANGE: { make: () => new ts.TR(), bar: 'hlc' },
  STOCH: {
    make: (o) => {
      requireSma(o, 'SlowK_MAType');
      requireSma(o, 'SlowD_MAType');
      return new ts.StochasticOscillator({ kPeriod: opt(o, 'FastK_Period'), kSlowingPeriod: opt(o, 'SlowK_Period'), dPeriod: opt(o, 'SlowD_Period') });
    },
    bar: 'hlc',
    fields: ['stochK', 'stochD'],
  },
  WILLR: { make: (o) => new ts.WilliamsR(p(o)), bar: 'hlc' },
  CCI: { make: (o) => new ts.CCI(p(o)), bar: 'hlc' },
  ADX: { make: (o) => new ts.ADX(p(o)), bar: 'hlc' },
  ADXR: { make: (o) => new ts.ADXR(p(o)), bar: 'hlc' },
  AROON: { make: (o) => new ts.Aroon(p(o)), bar: 'hl', fields: ['aroonDown', 'aroonUp'] },
  BOP: { make: () => new ts.BOP(), bar: 'ohlc' },
  DX: { make: (o) => new ts.DX(p(o)), bar: 'hlc' },
  IMI: { make: (o) => new ts.IMI(p(o)), bar: 'ohlc' },
  MFI: { make: (o) => new ts.MFI(p(o)), bar: 'hlcv' },
  AD: { make: () => new ts.AD(), bar: 'hlcv' },
  ADOSC: { make: (o) => new ts.ADOSC({ fastPeriod: opt(o, 'FastPeriod'), slowPeriod: opt(o, 'SlowPeriod') }), bar: 'hlcv' },
  // TA-Lib's width factor is 4: (high - low) / (high + low) * 4.
  ACCBANDS: { make: (o) => new ts.AccelerationBands(p(o), 4), bar: 'hlc', fields: ['upper', 'middle', 'lower'] },
  ULTOSC: {
    make: (o) => new ts.UltimateOscillator({ shortPeriod: opt(o, 'TimePeriod1'), mediumPeriod: opt(o, 'TimePeriod2'), longPeriod: opt(o, 'TimePeriod3') }),
    bar: 'hlc',
  },
  SAR: { make: (o) => new ts.PSAR({ accelerationStep: opt(o, 'Acceleration'), accelerationMax: opt(o, 'Maximum') }), bar: 'hl' },
};

function bar(kind: Spec['bar'], b: Bars, i: number): unknown {
  switch (kind) {
    case 'close':
      return b.close[i];
    case 'hl':
      return { high: b.high[i], low: b.low[i] };
    case 'hlc':
      return { high: b.high[i], low: b.low[i], close: b.close[i] };
    case 'hlcv':
      return { high: b.high[i], low: b.low[i], close: b.close[i], volume: b.volume[i] };
    case 'ohlc':
      return { open: b.open[i], high: b.high[i], low: b.low[i], close: b.close[i] };
  }
}

function call(name: string, o: TaOpts): PeerCall {
  const spec = table[name]!;
  spec.make(o);
  return {
    // A fresh stream per series, one add per bar; the results are kept in an array as a user would.
    run(bars) {
      const s = spec.make(o);
      const n = bars.close.length;
      const out: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = s.add(bar(spec.bar, bars, i));
      return out;
    },
    align(res, n) {
      const rows = res as unknown[];
      const column = (f: string | null) => {
        if (f === null) return null;
        const a = new Float64Array(n).fill(NaN);
        for (let i = 0; i < n; i++) {
          const r = rows[i];
          const v = f === '' ? r : r == null ? null : (r as Record<string, unknown>)[f];
          if (typeof v === 'number') a[i] = v;
        }
        return a;
      };
      return (spec.fields ?? ['']).map(column);
    },
  };
}

export const tradingSignalsPeer: Peer = {
  id: 'trading-signals',
  package: 'trading-signals',
  implementation: 'TypeScript',
  callStyle: 'new SMA(20), then .add(value) per bar (candle objects {high, low, close, volume} for bar indicators), results collected in an array',
  functions: Object.fromEntries(Object.keys(table).map((k) => [k, (o: TaOpts) => call(k, o)])),
};
