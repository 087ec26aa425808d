/**
 * The traffic mix: what the next request is. Pure (given the random generator and a body cache),
 * so it is unit-tested without a server.
 */
import { type Rng, weighted } from './rng.ts';
import { barsAround, type InputName, priceSeries, toBinary } from './series.ts';

export type Fault = 'none' | 'errors' | 'slow';

/** Header the service honours, when its own fault injection is enabled, by answering 500. */
export const FAULT_HEADER = 'x-chitti-fault';

export interface MixConfig {
  /** Share of deliberately invalid requests (4xx expected), 0 to 1. */
  invalidShare: number;
  fault: Fault;
  /** With fault=errors or slow: the share of requests affected. */
  faultShare: number;
}

export type Kind = 'indicator-json' | 'indicator-binary' | 'batch' | 'list' | 'openapi' | 'invalid';

export interface PlannedRequest {
  kind: Kind;
  /** The route label the service will report, for the summary logs. */
  route: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Series length, 0 when there is no series. */
  points: number;
  /** The status class a healthy service answers with. */
  expect: '2xx' | '4xx';
}

interface IndicatorSpec {
  id: string;
  params: () => Record<string, number>;
  /** The series it reads, in the indicator's order (binary bodies concatenate them); default close. */
  inputs?: readonly InputName[];
}

const HL = ['high', 'low'] as const;
const HLC = ['high', 'low', 'close'] as const;
const OHLC = ['open', 'high', 'low', 'close'] as const;

/** The service's indicators, with realistic parameter choices ({}: TA-Lib's defaults). */
export const INDICATORS: readonly IndicatorSpec[] = [
  { id: 'sma', params: () => ({ period: 20 }) },
  { id: 'ema', params: () => ({ period: 50 }) },
  { id: 'rsi', params: () => ({ period: 14 }) },
  { id: 'bbands', params: () => ({ period: 20, devUp: 2, devDown: 2 }) },
  { id: 'macd', params: () => ({ fast: 12, slow: 26, signal: 9 }) },
  // The batch requests use the first entries above; the rest in alphabetical order.
  { id: 'accbands', params: () => ({ period: 20 }), inputs: HLC },
  { id: 'adxr', params: () => ({ period: 14 }), inputs: HLC },
  { id: 'apo', params: () => ({ fast: 12, slow: 26, maType: 1 }) },
  { id: 'aroon', params: () => ({ period: 14 }), inputs: HL },
  { id: 'aroonosc', params: () => ({ period: 14 }), inputs: HL },
  { id: 'avgdev', params: () => ({ period: 14 }) },
  { id: 'avgprice', params: () => ({}), inputs: OHLC },
  { id: 'beta', params: () => ({ period: 5 }), inputs: ['real0', 'real1'] },
  { id: 'bop', params: () => ({}), inputs: OHLC },
  { id: 'cmo', params: () => ({ period: 14 }) },
  { id: 'correl', params: () => ({ period: 30 }), inputs: ['real0', 'real1'] },
  { id: 'dx', params: () => ({ period: 14 }), inputs: HLC },
  { id: 'ht_dcperiod', params: () => ({}) },
  { id: 'ht_dcphase', params: () => ({}) },
  { id: 'ht_phasor', params: () => ({}) },
  { id: 'ht_sine', params: () => ({}) },
  { id: 'ht_trendline', params: () => ({}) },
  { id: 'ht_trendmode', params: () => ({}) },
  { id: 'imi', params: () => ({ period: 14 }), inputs: ['open', 'close'] },
  { id: 'kama', params: () => ({ period: 10 }) },
  { id: 'linearreg', params: () => ({ period: 14 }) },
  { id: 'linearreg_angle', params: () => ({ period: 14 }) },
  { id: 'linearreg_intercept', params: () => ({ period: 14 }) },
  { id: 'linearreg_slope', params: () => ({ period: 14 }) },
  { id: 'ma', params: () => ({ period: 20, maType: 3 }) },
  { id: 'macdext', params: () => ({ fast: 12, fastMaType: 1, slow: 26, slowMaType: 1, signal: 9, signalMaType: 1 }) },
  { id: 'macdfix', params: () => ({ signal: 9 }) },
  { id: 'mama', params: () => ({ fastLimit: 0.5, slowLimit: 0.05 }) },
  { id: 'max', params: () => ({ period: 30 }) },
  { id: 'maxindex', params: () => ({ period: 30 }) },
  { id: 'medprice', params: () => ({}), inputs: HL },
  { id: 'midpoint', params: () => ({ period: 14 }) },
  { id: 'midprice', params: () => ({ period: 14 }), inputs: HL },
  { id: 'min', params: () => ({ period: 30 }) },
  { id: 'minindex', params: () => ({ period: 30 }) },
  { id: 'minmax', params: () => ({ period: 30 }) },
  { id: 'minmaxindex', params: () => ({ period: 30 }) },
  { id: 'minus_dm', params: () => ({ period: 14 }), inputs: HL },
  { id: 'plus_dm', params: () => ({ period: 14 }), inputs: HL },
  { id: 'ppo', params: () => ({ fast: 12, slow: 26, maType: 1 }) },
  { id: 'rocp', params: () => ({ period: 10 }) },
  { id: 'rocr', params: () => ({ period: 10 }) },
  { id: 'rocr100', params: () => ({ period: 10 }) },
  { id: 'sarext', params: () => ({}), inputs: HL },
  { id: 'sum', params: () => ({ period: 30 }) },
  { id: 't3', params: () => ({ period: 5, vFactor: 0.7 }) },
  { id: 'trima', params: () => ({ period: 20 }) },
  { id: 'tsf', params: () => ({ period: 14 }) },
  { id: 'typprice', params: () => ({}), inputs: HLC },
  { id: 'ultosc', params: () => ({}), inputs: HLC },
  { id: 'var', params: () => ({ period: 20 }) },
  { id: 'wclprice', params: () => ({}), inputs: HLC },
];

/**
 * Series lengths: log-uniform between 100 and 100 000 points, as a few fixed sizes so bodies can
 * be cached (encoding a 100k-point body per request would load the generator more than the service).
 */
export const SIZES = [100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000] as const;
/** FAULT=slow: series this long take the service about a second each. */
export const SLOW_SIZE = 1_000_000;

export const KIND_WEIGHTS: Readonly<Record<Exclude<Kind, 'invalid'>, number>> = {
  'indicator-json': 55,
  'indicator-binary': 30,
  batch: 10,
  list: 4,
  openapi: 1,
};

/** Encoded bodies by size, built on first use from one price series per size. */
export class BodyCache {
  #rng: Rng;
  #series = new Map<number, Float64Array>();
  #json = new Map<number, string>();
  #binary = new Map<number, Buffer>();
  #bars = new Map<number, Record<InputName, Float64Array>>();
  #inputsJson = new Map<string, string>();
  #inputsBinary = new Map<string, Buffer>();

  constructor(rng: Rng) {
    this.#rng = rng;
  }

  series(n: number): Float64Array {
    let s = this.#series.get(n);
    if (!s) this.#series.set(n, (s = priceSeries(this.#rng, n)));
    return s;
  }

  /** OHLCV bars (and a second walk) around the close series of this size. */
  bars(n: number): Record<InputName, Float64Array> {
    let b = this.#bars.get(n);
    if (!b) this.#bars.set(n, (b = barsAround(this.#rng, this.series(n))));
    return b;
  }

  /** `{"high":[...],"low":[...]}`: the named series of this size, as the `inputs` member. */
  inputsJson(n: number, names: readonly InputName[]): string {
    if (names.length === 1 && names[0] === 'close') return `{"close":${this.jsonArray(n)}}`;
    const key = `${n}:${names.join()}`;
    let j = this.#inputsJson.get(key);
    if (j === undefined) this.#inputsJson.set(key, (j = JSON.stringify(Object.fromEntries(names.map((name) => [name, Array.from(this.bars(n)[name])])))));
    return j;
  }

  /** The named series of this size, concatenated in order (the binary API's layout). */
  inputsBinary(n: number, names: readonly InputName[]): Buffer {
    if (names.length === 1 && names[0] === 'close') return this.binary(n);
    const key = `${n}:${names.join()}`;
    let b = this.#inputsBinary.get(key);
    if (!b) this.#inputsBinary.set(key, (b = Buffer.concat(names.map((name) => toBinary(this.bars(n)[name])))));
    return b;
  }

  /** `[1.2,3.4,...]` */
  jsonArray(n: number): string {
    let j = this.#json.get(n);
    if (j === undefined) this.#json.set(n, (j = JSON.stringify(Array.from(this.series(n)))));
    return j;
  }

  binary(n: number): Buffer {
    let b = this.#binary.get(n);
    if (!b) this.#binary.set(n, (b = toBinary(this.series(n))));
    return b;
  }
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const JSON_HEADERS = { 'content-type': 'application/json' };

function indicatorRequest(rng: Rng, cache: BodyCache, n: number, binary: boolean): PlannedRequest {
  const spec = pick(rng, INDICATORS);
  const params = spec.params();
  const inputs = spec.inputs ?? ['close'];
  const base = { route: '/v1/indicators/:id', method: 'POST' as const, points: n, expect: '2xx' as const };
  if (binary) {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
    return { ...base, kind: 'indicator-binary', path: `/v1/indicators/${spec.id}?${query}`, headers: { 'content-type': 'application/octet-stream' }, body: cache.inputsBinary(n, inputs) };
  }
  const body = `{"inputs":${cache.inputsJson(n, inputs)},"params":${JSON.stringify(params)}}`;
  return { ...base, kind: 'indicator-json', path: `/v1/indicators/${spec.id}`, headers: JSON_HEADERS, body };
}

/** The invalid requests real clients send: each is answered 4xx by a healthy service. */
function invalidRequest(rng: Rng, cache: BodyCache): PlannedRequest {
  const base = { kind: 'invalid' as const, method: 'POST' as const, route: '/v1/indicators/:id', headers: JSON_HEADERS, points: 100, expect: '4xx' as const };
  const close = cache.jsonArray(100);
  switch (Math.floor(rng() * 5)) {
    case 0: // unknown indicator: 404
      return { ...base, path: '/v1/indicators/vwapx', body: `{"inputs":{"close":${close}}}` };
    case 1: // parameter out of range: 400
      return { ...base, path: '/v1/indicators/sma', body: `{"inputs":{"close":${close}},"params":{"period":0}}` };
    case 2: // truncated JSON: 400
      return { ...base, path: '/v1/indicators/rsi', body: `{"inputs":{"close":${close.slice(0, 200)}` };
    case 3: // wrong media type: 415
      return { ...base, path: '/v1/indicators/ema', headers: { 'content-type': 'text/csv' }, body: '1,2,3\n' };
    default: // a non-number in the series: 400
      return { ...base, path: '/v1/indicators/macd', body: `{"inputs":{"close":[1,2,"three",4]}}` };
  }
}

/** The next request of the mix. */
export function nextRequest(rng: Rng, cache: BodyCache, config: MixConfig): PlannedRequest {
  if (rng() < config.invalidShare) return invalidRequest(rng, cache);
  const faulty = config.fault !== 'none' && rng() < config.faultShare;
  const kind = weighted(rng, KIND_WEIGHTS);
  let req: PlannedRequest;
  if (kind === 'indicator-json' || kind === 'indicator-binary') {
    const n = faulty && config.fault === 'slow' ? SLOW_SIZE : pick(rng, SIZES);
    req = indicatorRequest(rng, cache, n, kind === 'indicator-binary');
  } else if (kind === 'batch') {
    const n = pick(rng, SIZES.slice(0, 7));
    const symbols = ['AAPL', 'MSFT', 'NVDA', 'AMZN'].slice(0, 1 + Math.floor(rng() * 4));
    const series = symbols.map((s) => `"${s}":{"close":${cache.jsonArray(n)}}`).join(',');
    const specs = INDICATORS.slice(0, 2 + Math.floor(rng() * 3)).map((s) => ({ id: s.id, params: s.params() }));
    req = { kind, route: '/v1/batch', method: 'POST', path: '/v1/batch', headers: JSON_HEADERS, body: `{"series":{${series}},"specs":${JSON.stringify(specs)}}`, points: n, expect: '2xx' };
  } else if (kind === 'list') {
    req = { kind, route: '/v1/indicators', method: 'GET', path: '/v1/indicators', headers: {}, points: 0, expect: '2xx' };
  } else {
    req = { kind, route: '/openapi.json', method: 'GET', path: '/openapi.json', headers: {}, points: 0, expect: '2xx' };
  }
  if (faulty && config.fault === 'errors') req.headers = { ...req.headers, [FAULT_HEADER]: 'error' };
  return req;
}
