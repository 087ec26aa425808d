import { createRequire } from 'node:module';
import type { Bars } from '../lib/bars.ts';
import type { Peer, PeerCall, TaOpts } from './types.ts';
import { fieldsRightAligned, opt, requireSma, rightAlign, Unsupported } from './types.ts';

type Calc = { calculate(input: Record<string, unknown>): unknown[] };
const require = createRequire(import.meta.url);

interface Spec {
  cls: string;
  input(b: Bars, o: TaOpts): Record<string, unknown>;
  /** Field of each result object per TA-Lib output, or undefined when results are plain numbers. */
  fields?: (string | null)[];
}

const values = (b: Bars, o: TaOpts) => ({ values: b.close, period: opt(o, 'TimePeriod') });
const hlc = (b: Bars, o: TaOpts) => ({ high: b.high, low: b.low, close: b.close, period: opt(o, 'TimePeriod') });

// Both libraries index their inputs only (checked by conformance), so the Float64Arrays are passed as they are.
const table: Record<string, Spec> = {
  MAX: { cls: 'Highest', input: values },
  MIN: { cls: 'Lowest', input: values },
  SMA: { cls: 'SMA', input: values },
  EMA: { cls: 'EMA', input: values },
  SUM: { cls: 'Sum', input: values },
  WMA: { cls: 'WMA', input: values },
  RSI: { cls: 'RSI', input: values },
  ROC: { cls: 'ROC', input: values },
  TRIX: { cls: 'TRIX', input: values },
  STDDEV: {
    cls: 'SD',
    input: (b, o) => {
      if (opt(o, 'NbDev') !== 1) throw new Unsupported('NbDev other than 1');
      return values(b, o);
    },
  },
  BBANDS: {
    cls: 'BollingerBands',
    input: (b, o) => {
      requireSma(o, 'MAType');
      if (opt(o, 'NbDevUp') !== opt(o, 'NbDevDn')) throw new Unsupported('different up and down deviations');
      return { values: b.close, period: opt(o, 'TimePeriod'), stdDev: opt(o, 'NbDevUp') };
    },
    fields: ['upper', 'middle', 'lower'],
  },
  MACD: {
    cls: 'MACD',
    input: (b, o) => ({ values: b.close, fastPeriod: opt(o, 'FastPeriod'), slowPeriod: opt(o, 'SlowPeriod'), signalPeriod: opt(o, 'SignalPeriod'), SimpleMAOscillator: false, SimpleMASignal: false }),
    fields: ['MACD', 'signal', 'histogram'],
  },
  ATR: { cls: 'ATR', input: hlc },
  TRANGE: { cls: 'TrueRange', input: (b) => ({ high: b.high, low: b.low, close: b.close }) },
  WILLR: { cls: 'WilliamsR', input: hlc },
  CCI: { cls: 'CCI', input: hlc },
  ADX: { cls: 'ADX', input: hlc, fields: ['adx'] },
  AROON: { cls: 'Aroon', input: (b, o) => ({ high: b.high, low: b.low, period: opt(o, 'TimePeriod') }), fields: ['aroonDown', 'aroonUp'] },
  AROONOSC: { cls: 'AroonOscillator', input: (b, o) => ({ high: b.high, low: b.low, period: opt(o, 'TimePeriod') }) },
  PLUS_DI: { cls: 'ADX', input: hlc, fields: ['pdi'] },
  MINUS_DI: { cls: 'ADX', input: hlc, fields: ['mdi'] },
  MINUS_DM: { cls: 'MinusDM', input: (b, o) => ({ high: b.high, low: b.low, period: opt(o, 'TimePeriod') }) },
  PLUS_DM: { cls: 'PlusDM', input: (b, o) => ({ high: b.high, low: b.low, period: opt(o, 'TimePeriod') }) },
  // Its Stochastic has no slowing: %K is TA-Lib's fast K, %D its simple average.
  STOCHF: {
    cls: 'Stochastic',
    input: (b, o) => {
      requireSma(o, 'FastD_MAType');
      return { high: b.high, low: b.low, close: b.close, period: opt(o, 'FastK_Period'), signalPeriod: opt(o, 'FastD_Period') };
    },
    fields: ['k', 'd'],
  },
  OBV: { cls: 'OBV', input: (b) => ({ close: b.close, volume: b.volume }) },
  MFI: { cls: 'MFI', input: (b, o) => ({ high: b.high, low: b.low, close: b.close, volume: b.volume, period: opt(o, 'TimePeriod') }) },
  AD: { cls: 'ADL', input: (b) => ({ high: b.high, low: b.low, close: b.close, volume: b.volume }) },
  ULTOSC: {
    cls: 'UltimateOscillator',
    input: (b, o) => ({ high: b.high, low: b.low, close: b.close, period1: opt(o, 'TimePeriod1'), period2: opt(o, 'TimePeriod2'), period3: opt(o, 'TimePeriod3') }),
  },
  SAR: { cls: 'PSAR', input: (b, o) => ({ high: b.high, low: b.low, step: opt(o, 'Acceleration'), max: opt(o, 'Maximum') }) },
};

function call(lib: Record<string, Calc>, name: string, o: TaOpts): PeerCall {
  const spec = table[name]!;
  const cls = lib[spec.cls]!;
  const fields = spec.fields;
  // Bind the parameters once (and surface Unsupported at build time, not in the timed call).
  const none = new Float64Array(0);
  spec.input({ open: none, high: none, low: none, close: none, volume: none, real0: none, real1: none, periods: none }, o);
  return {
    run: (bars) => cls.calculate(spec.input(bars, o)),
    align: (res, n) => (fields ? fieldsRightAligned(res as Record<string, unknown>[], fields, n) : [rightAlign(res as number[], n)]),
  };
}

/** technicalindicators' API: `SMA.calculate({period, values})`; fast-technical-indicators copies it. */
function tiStylePeer(id: string, lib: Record<string, Calc>, implementation: Peer['implementation'], callStyle: string): Peer {
  return {
    id,
    package: id,
    implementation,
    callStyle,
    functions: Object.fromEntries(Object.keys(table).filter((k) => lib[table[k]!.cls]?.calculate).map((k) => [k, (o: TaOpts) => call(lib, k, o)])),
  };
}

export const technicalIndicatorsPeer: Peer = tiStylePeer(
  'technicalindicators',
  require('technicalindicators') as Record<string, Calc>,
  'JavaScript',
  'SMA.calculate({period, values: Float64Array}) etc. (accepts the typed array); objects for multi-output results',
);

// Its ESM entry is not loadable (`export` in a .js file of a CommonJS package), so it is required.
export const fastTechnicalIndicatorsPeer: Peer = tiStylePeer(
  'fast-technical-indicators',
  require('fast-technical-indicators') as Record<string, Calc>,
  'JavaScript',
  "require('fast-technical-indicators').SMA.calculate({period, values: Float64Array}) etc. (technicalindicators' API; its ESM entry does not load)",
);
