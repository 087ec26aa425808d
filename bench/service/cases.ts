// The cases of the service benchmark: which server, which request, how many connections.
import { median } from '../lib/measure.ts';
import { priceSeries } from '../lib/series.ts';
import type { ServerMode } from './modes.ts';

export interface Request {
  path: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Case {
  id: string;
  /** The group in tables and charts (the id before the server mode). */
  kind: string;
  description: string;
  mode: ServerMode;
  request: Request;
  connections: number;
  /** Large requests get the longer sample (fewer, slower requests per second). */
  large: boolean;
}

// Large requests (binary 100k points, the 1.9 MB batch) may go to the service's worker threads,
// whose queue answers 503 when full (WORKER_QUEUE): fewer connections keep that back-pressure out of
// a throughput figure (503s are still counted, and excluded from requests/s).
const SMALL_CONNECTIONS = 10;
const LARGE_CONNECTIONS = 4;

const json = (body: unknown): Pick<Request, 'headers' | 'body'> => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const close1k = Array.from(priceSeries(1_000, 1));
const close100k = priceSeries(100_000, 2);
const smaBody = json({ inputs: { close: close1k }, params: { period: 20 } });
const smaJson: Request = { path: '/v1/indicators/sma', method: 'POST', ...smaBody };
// The same 100k closes as the binary case, as JSON (issue 20: its server time against the binary one's).
const smaJson100k: Request = { path: '/v1/indicators/sma', method: 'POST', ...json({ inputs: { close: Array.from(close100k) }, params: { period: 20 } }) };
const binary = (path: string, close: Float64Array): Request => ({
  path,
  method: 'POST',
  headers: { 'content-type': 'application/octet-stream' },
  body: Buffer.from(close.buffer, close.byteOffset, close.byteLength),
});
const smaBinary = binary('/v1/indicators/sma?period=20', close100k);
// The 1k closes of the JSON case, as float64: the service's cost for 1,000 points with no number text.
const smaBinary1k = binary('/v1/indicators/sma?period=20', Float64Array.from(close1k));
/** The same request to the bare server's I/O floor (baseline.ts): same bytes in and out, no number work. */
const floor = (r: Request): Request => ({ ...r, path: `/floor${r.path.includes('?') ? r.path.slice(r.path.indexOf('?')) : ''}` });
const batch: Request = {
  path: '/v1/batch',
  method: 'POST',
  ...json({
    series: Object.fromEntries(Array.from({ length: 100 }, (_, s) => [`S${s}`, { close: Array.from(priceSeries(1_000, 100 + s)) }])),
    specs: [{ id: 'sma', params: { period: 20 } }, { id: 'ema', params: { period: 20 } }, { id: 'rsi', params: { period: 14 } }],
  }),
};

const small = { connections: SMALL_CONNECTIONS, large: false };
const large = { connections: LARGE_CONNECTIONS, large: true };
const JSON_1K = 'POST /v1/indicators/sma, JSON, 1,000 points, period 20';

export const CASES: Case[] = [
  { id: 'bare', kind: 'bare', description: 'bare fastify: GET / returning a constant {"ok":true}', mode: 'bare', request: { path: '/', method: 'GET' }, ...small },
  { id: 'bare-parse', kind: 'bare-parse', description: 'bare fastify: POST the JSON 1k body (default JSON parser), a constant back', mode: 'bare', request: { path: '/parse', method: 'POST', ...smaBody }, ...small },
  { id: 'bare-json-sma', kind: 'bare-json-sma', description: 'bare fastify: POST the JSON 1k body, plain-JS SMA, the same response serialised (the JSON ceiling)', mode: 'bare', request: { path: '/sma', method: 'POST', ...smaBody }, ...small },
  ...(['metrics-off', 'metrics-on', 'metrics-on+logs'] as const).map((mode) => ({ id: `json-1k ${mode}`, kind: 'json-1k', description: JSON_1K, mode, request: smaJson, ...small })),
  ...(['metrics-off', 'metrics-on'] as const).map((mode) => ({ id: `binary-100k ${mode}`, kind: 'binary-100k', description: 'POST /v1/indicators/sma?period=20, binary float64, 100,000 points', mode, request: smaBinary, ...large })),
  { id: 'json-100k metrics-on', kind: 'json-100k', description: 'POST /v1/indicators/sma, JSON, the binary case\'s 100,000 points, period 20', mode: 'metrics-on', request: smaJson100k, ...large },
  // Issue 20's floors: the bare server receiving each body and sending each response without number
  // work, and ours on 1,000 binary points (its per-request features without number text).
  { id: 'floor-json-1k', kind: 'floor', description: 'bare fastify I/O floor: the JSON 1k body read unparsed, the ceiling\'s response sent from a cache', mode: 'bare', request: floor(smaJson), ...small },
  { id: 'floor-binary-1k', kind: 'floor', description: 'bare fastify I/O floor: 1,000 float64 read, the SMA\'s 1,000 float64 sent from a cache', mode: 'bare', request: floor(smaBinary1k), ...small },
  { id: 'binary-1k metrics-on', kind: 'binary-1k', description: 'POST /v1/indicators/sma?period=20, binary float64, the JSON case\'s 1,000 points', mode: 'metrics-on', request: smaBinary1k, ...small },
  { id: 'floor-json-100k', kind: 'floor', description: 'bare fastify I/O floor: the JSON 100k body read unparsed, the ceiling\'s response sent from a cache', mode: 'bare', request: floor(smaJson100k), ...large },
  { id: 'floor-binary-100k', kind: 'floor', description: 'bare fastify I/O floor: 100,000 float64 read, the SMA\'s 100,000 float64 sent from a cache', mode: 'bare', request: floor(smaBinary), ...large },
  ...(['metrics-off', 'metrics-on'] as const).map((mode) => ({ id: `batch-100 ${mode}`, kind: 'batch-100', description: 'POST /v1/batch, JSON, 100 series of 1,000 points, specs sma(20), ema(20), rsi(14)', mode, request: batch, ...large })),
];

export interface RatioSpec {
  id: string;
  description: string;
  numerator: string;
  denominator: string;
  /** Throughput (requests/s), or server CPU per request (lower is better). */
  metric: 'requestsPerSecond' | 'cpuMicrosPerRequest';
}

const rps = (id: string, description: string, numerator: string, denominator: string): RatioSpec => ({ id, description, numerator, denominator, metric: 'requestsPerSecond' });

export const RATIOS: RatioSpec[] = [
  rps('jsonToBare', 'ours (JSON 1k, metrics on) / bare fastify constant route: the issue\'s ratio', 'json-1k metrics-on', 'bare'),
  rps('jsonToBareParse', 'ours (JSON 1k, metrics on) / bare fastify parsing the same body', 'json-1k metrics-on', 'bare-parse'),
  rps('jsonToJsonCeiling', 'ours (JSON 1k, metrics on) / bare fastify JSON ceiling (same body in, same response out)', 'json-1k metrics-on', 'bare-json-sma'),
  rps('bareParseToBare', 'bare fastify parsing the 1k body / bare constant route', 'bare-parse', 'bare'),
  rps('jsonCeilingToBare', 'bare fastify JSON ceiling / bare constant route: the best any fastify service can do with this JSON', 'bare-json-sma', 'bare'),
  { id: 'jsonCpuToCeilingCpu', description: 'server CPU per request: ours (JSON 1k, metrics on) / bare fastify JSON ceiling', numerator: 'json-1k metrics-on', denominator: 'bare-json-sma', metric: 'cpuMicrosPerRequest' },
  { id: 'json100kCpuToBinary100kCpu', description: 'server CPU per request: JSON 100k / binary 100k (metrics on; issue 20: at most 2)', numerator: 'json-100k metrics-on', denominator: 'binary-100k metrics-on', metric: 'cpuMicrosPerRequest' },
  rps('jsonMetricsOnToOff', 'JSON 1k: metrics on / off', 'json-1k metrics-on', 'json-1k metrics-off'),
  rps('jsonLogsToNoLogs', 'JSON 1k: request logs on / off (metrics on)', 'json-1k metrics-on+logs', 'json-1k metrics-on'),
  rps('binaryMetricsOnToOff', 'binary 100k: metrics on / off', 'binary-100k metrics-on', 'binary-100k metrics-off'),
  rps('batchMetricsOnToOff', 'batch of 100: metrics on / off', 'batch-100 metrics-on', 'batch-100 metrics-off'),
  // The same comparisons in server CPU per request (off / on: the throughput a CPU-bound server would
  // keep), which does not depend on how much CPU the load generator leaves the server.
  ...(['json-1k', 'binary-100k', 'batch-100'] as const).map((kind): RatioSpec => ({
    id: `${kind.split('-')[0]}MetricsCpuOffToOn`,
    description: `${kind}: server CPU per request, metrics off / on`,
    numerator: `${kind} metrics-off`,
    denominator: `${kind} metrics-on`,
    metric: 'cpuMicrosPerRequest',
  })),
];

/** A bound of issue 20, per round from the samples' server CPU per request, and its median. */
export interface Bound {
  id: string;
  description: string;
  /** What the issue asks of the ratio this bound limits. */
  target: string;
  threshold: number;
  /** True when a value at or below the threshold meets the target. */
  atMost: boolean;
  value: number;
  min: number;
  max: number;
  perRound: number[];
  /** Whether the bound leaves the target reachable at all (by the median). */
  reachable: boolean;
}

/**
 * How far issue 20's targets can be reached at all on this machine, whatever the number code: ours with
 * number text at no cost would still pay the I/O floor (the bare server reading the body and sending
 * the response, no number work) plus the service's own per-request work (ours on the same points in
 * binary, minus the bare server's binary floor for them). Server CPU per request, each round's own.
 */
export function issue20Bounds(samples: Map<string, { cpuMicrosPerRequest: number }[]>): Bound[] {
  const cpu = (id: string, r: number) => samples.get(id)![r]!.cpuMicrosPerRequest;
  const rounds = samples.get('bare')!.length;
  const bound = (b: Omit<Bound, 'value' | 'min' | 'max' | 'perRound' | 'reachable'>, f: (r: number) => number): Bound => {
    const perRound = Array.from({ length: rounds }, (_, r) => f(r));
    const value = median(perRound);
    return { ...b, value, min: Math.min(...perRound), max: Math.max(...perRound), perRound, reachable: b.atMost ? value <= b.threshold : value >= b.threshold };
  };
  const free1k = (r: number) => cpu('floor-json-1k', r) + cpu('binary-1k metrics-on', r) - cpu('floor-binary-1k', r);
  const free100k = (r: number) => cpu('floor-json-100k', r) + cpu('binary-100k metrics-on', r) - cpu('floor-binary-100k', r);
  return [
    bound({
      id: 'json1kBestToCeiling',
      description: 'JSON 1k: the ceiling\'s server CPU per request / ours with number text at no cost (I/O floor + ours binary 1k - bare binary 1k floor): the most requests/s ours could reach against the ceiling while CPU-bound',
      target: 'JSON 1k-point requests at least 1.5x the JSON ceiling\'s requests/s',
      threshold: 1.5,
      atMost: false,
    }, (r) => cpu('bare-json-sma', r) / free1k(r)),
    bound({
      id: 'json100kBestToBinary',
      description: 'JSON 100k: ours with number text at no cost (I/O floor + ours binary 100k - bare binary 100k floor) / ours binary 100k, server CPU per request: the least ratio ours could reach',
      target: 'a 100k-point JSON request\'s server CPU at most 2x the binary request\'s',
      threshold: 2,
      atMost: true,
    }, (r) => free100k(r) / cpu('binary-100k metrics-on', r)),
  ];
}
