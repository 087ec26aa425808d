// Tulip Indicators' functions for TA-Lib functions: shared by tulind (Tulip's C library) and
// @ixjb94/indicators (a JavaScript port with the same names, arguments and outputs).
import type { Bars } from '../lib/bars.ts';
import { opt, requireMaType, requireSma, Unsupported } from './types.ts';
import type { TaOpts } from './types.ts';

export interface TulipSpec {
  /** Tulip's function name. */
  fn: string;
  /** Input series in Tulip's argument order. */
  inputs: (keyof Bars)[];
  /** Tulip's options, in order, from TA-Lib's optional inputs. */
  options(o: TaOpts): number[];
  /** For each TA-Lib output in TA-Lib's order, the index of Tulip's output. */
  outputs: number[];
}

const period = (o: TaOpts) => [opt(o, 'TimePeriod')];
const real = ['close'] as (keyof Bars)[];
const hl = ['high', 'low'] as (keyof Bars)[];
const hlc = ['high', 'low', 'close'] as (keyof Bars)[];
const hlcv = ['high', 'low', 'close', 'volume'] as (keyof Bars)[];

export const tulipTable: Readonly<Record<string, TulipSpec>> = {
  AVGDEV: { fn: 'md', inputs: real, options: period, outputs: [0] },
  AVGPRICE: { fn: 'avgprice', inputs: ['open', 'high', 'low', 'close'], options: () => [], outputs: [0] },
  LINEARREG: { fn: 'linreg', inputs: real, options: period, outputs: [0] },
  LINEARREG_INTERCEPT: { fn: 'linregintercept', inputs: real, options: period, outputs: [0] },
  LINEARREG_SLOPE: { fn: 'linregslope', inputs: real, options: period, outputs: [0] },
  MAX: { fn: 'max', inputs: real, options: period, outputs: [0] },
  MEDPRICE: { fn: 'medprice', inputs: ['high', 'low'], options: () => [], outputs: [0] },
  MIN: { fn: 'min', inputs: real, options: period, outputs: [0] },
  SMA: { fn: 'sma', inputs: real, options: period, outputs: [0] },
  EMA: { fn: 'ema', inputs: real, options: period, outputs: [0] },
  SUM: { fn: 'sum', inputs: real, options: period, outputs: [0] },
  TSF: { fn: 'tsf', inputs: real, options: period, outputs: [0] },
  TYPPRICE: { fn: 'typprice', inputs: hlc, options: () => [], outputs: [0] },
  // TA-Lib ignores its NbDev: Tulip's var, which has none, is the same function.
  VAR: { fn: 'var', inputs: real, options: period, outputs: [0] },
  WCLPRICE: { fn: 'wcprice', inputs: hlc, options: () => [], outputs: [0] },
  // Tulip's APO and PPO are EMA-based (TA-Lib MA type 1), its EMAs seeded with the first value.
  APO: { fn: 'apo', inputs: real, options: (o) => { requireMaType(o, 'MAType', 1, 'exponential'); return [opt(o, 'FastPeriod'), opt(o, 'SlowPeriod')]; }, outputs: [0] },
  KAMA: { fn: 'kama', inputs: real, options: period, outputs: [0] },
  PPO: { fn: 'ppo', inputs: real, options: (o) => { requireMaType(o, 'MAType', 1, 'exponential'); return [opt(o, 'FastPeriod'), opt(o, 'SlowPeriod')]; }, outputs: [0] },
  TRIMA: { fn: 'trima', inputs: real, options: period, outputs: [0] },
  WMA: { fn: 'wma', inputs: real, options: period, outputs: [0] },
  DEMA: { fn: 'dema', inputs: real, options: period, outputs: [0] },
  TEMA: { fn: 'tema', inputs: real, options: period, outputs: [0] },
  TRIX: { fn: 'trix', inputs: real, options: period, outputs: [0] },
  RSI: { fn: 'rsi', inputs: real, options: period, outputs: [0] },
  CMO: { fn: 'cmo', inputs: real, options: period, outputs: [0] },
  ROC: { fn: 'roc', inputs: real, options: period, outputs: [0] },
  // Tulip's roc is (x - x[-p]) / x[-p]: TA-Lib's ROCP.
  ROCP: { fn: 'roc', inputs: real, options: period, outputs: [0] },
  ROCR: { fn: 'rocr', inputs: real, options: period, outputs: [0] },
  MOM: { fn: 'mom', inputs: real, options: period, outputs: [0] },
  STDDEV: {
    fn: 'stddev',
    inputs: real,
    options: (o) => {
      if (opt(o, 'NbDev') !== 1) throw new Unsupported(`NbDev ${opt(o, 'NbDev')} (Tulip's stddev has no multiplier)`);
      return period(o);
    },
    outputs: [0],
  },
  BBANDS: {
    fn: 'bbands',
    inputs: real,
    options: (o) => {
      requireSma(o, 'MAType');
      if (opt(o, 'NbDevUp') !== opt(o, 'NbDevDn')) throw new Unsupported('different up and down deviations');
      return [opt(o, 'TimePeriod'), opt(o, 'NbDevUp')];
    },
    outputs: [2, 1, 0],
  },
  MACD: { fn: 'macd', inputs: real, options: (o) => [opt(o, 'FastPeriod'), opt(o, 'SlowPeriod'), opt(o, 'SignalPeriod')], outputs: [0, 1, 2] },
  ATR: { fn: 'atr', inputs: hlc, options: period, outputs: [0] },
  NATR: { fn: 'natr', inputs: hlc, options: period, outputs: [0] },
  TRANGE: { fn: 'tr', inputs: hlc, options: () => [], outputs: [0] },
  STOCH: {
    fn: 'stoch',
    inputs: hlc,
    options: (o) => {
      requireSma(o, 'SlowK_MAType');
      requireSma(o, 'SlowD_MAType');
      return [opt(o, 'FastK_Period'), opt(o, 'SlowK_Period'), opt(o, 'SlowD_Period')];
    },
    outputs: [0, 1],
  },
  // The fast stochastic is Tulip's stoch with a slowing period of 1.
  STOCHF: {
    fn: 'stoch',
    inputs: hlc,
    options: (o) => {
      requireSma(o, 'FastD_MAType');
      return [opt(o, 'FastK_Period'), 1, opt(o, 'FastD_Period')];
    },
    outputs: [0, 1],
  },
  WILLR: { fn: 'willr', inputs: hlc, options: period, outputs: [0] },
  CCI: { fn: 'cci', inputs: hlc, options: period, outputs: [0] },
  ADX: { fn: 'adx', inputs: hlc, options: period, outputs: [0] },
  ADXR: { fn: 'adxr', inputs: hlc, options: period, outputs: [0] },
  AROON: { fn: 'aroon', inputs: hl, options: period, outputs: [0, 1] },
  AROONOSC: { fn: 'aroonosc', inputs: hl, options: period, outputs: [0] },
  BOP: { fn: 'bop', inputs: ['open', 'high', 'low', 'close'], options: () => [], outputs: [0] },
  DX: { fn: 'dx', inputs: hlc, options: period, outputs: [0] },
  PLUS_DI: { fn: 'di', inputs: hlc, options: period, outputs: [0] },
  MINUS_DI: { fn: 'di', inputs: hlc, options: period, outputs: [1] },
  MINUS_DM: { fn: 'dm', inputs: hl, options: period, outputs: [1] },
  PLUS_DM: { fn: 'dm', inputs: hl, options: period, outputs: [0] },
  OBV: { fn: 'obv', inputs: ['close', 'volume'], options: () => [], outputs: [0] },
  MFI: { fn: 'mfi', inputs: hlcv, options: period, outputs: [0] },
  AD: { fn: 'ad', inputs: hlcv, options: () => [], outputs: [0] },
  ADOSC: { fn: 'adosc', inputs: hlcv, options: (o) => [opt(o, 'FastPeriod'), opt(o, 'SlowPeriod')], outputs: [0] },
  SAR: { fn: 'psar', inputs: ['high', 'low'], options: (o) => [opt(o, 'Acceleration'), opt(o, 'Maximum')], outputs: [0] },
  ULTOSC: { fn: 'ultosc', inputs: hlc, options: (o) => [opt(o, 'TimePeriod1'), opt(o, 'TimePeriod2'), opt(o, 'TimePeriod3')], outputs: [0] },
};
