// The bare-fastify baselines of the service benchmark: no service features (no hooks, metrics,
// validation, tracing), only what the framework costs for the same traffic.
//   GET /            a constant: the framework's ceiling on this machine (the baseline)
//   POST /parse      the 1k-point JSON body through fastify's default JSON parser, a constant back
//   POST /sma        the same body parsed, a plain-JavaScript SMA (TA-Lib's running sum: the same
//                    values as ours to ~1e-15, full-precision doubles alike) and a response of the
//                    same shape, serialised per request by fastify's default serializer
//                    (JSON.stringify): the JSON ceiling for this payload.
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';

interface SmaBody {
  inputs: { close: number[] };
  params: { period: number };
}

/** TA-Lib's SMA: a running sum over the window, null (JSON for NaN) before the first full window. */
export function smaJs(close: readonly number[], period: number): (number | null)[] {
  const out = new Array<number | null>(close.length).fill(null);
  let sum = 0;
  for (let i = 0; i < period - 1 && i < close.length; i++) sum += close[i]!;
  for (let i = period - 1, trailing = 0; i < close.length; i++, trailing++) {
    sum += close[i]!;
    out[i] = sum / period;
    sum -= close[trailing]!;
  }
  return out;
}

export function bareApp(): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
  app.get('/', async () => ({ ok: true }));
  app.post('/parse', async (request) => ({ ok: (request.body as SmaBody).inputs.close.length > 0 }));
  app.post('/sma', async (request) => {
    const { inputs, params } = request.body as SmaBody;
    return { id: 'sma', params: { period: params.period }, lookback: params.period - 1, outputs: { sma: smaJs(inputs.close, params.period) } };
  });
  return app;
}

/** Our response against the JSON ceiling's: the same nulls, values within 1e-12, sizes in bytes. */
export function compareSma(ours: Buffer, ceiling: Buffer): { ok: boolean; values: number; maxRelativeDifference: number; oursBytes: number; ceilingBytes: number } {
  const a = (JSON.parse(ours.toString()) as { outputs: { sma: (number | null)[] } }).outputs.sma;
  const b = (JSON.parse(ceiling.toString()) as { outputs: { sma: (number | null)[] } }).outputs.sma;
  let ok = a.length === b.length;
  let maxRelativeDifference = 0;
  for (let i = 0; ok && i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === null || y === null) ok = x === y;
    else maxRelativeDifference = Math.max(maxRelativeDifference, Math.abs(x - y) / Math.abs(x));
  }
  return { ok: ok && maxRelativeDifference <= 1e-12, values: a.length, maxRelativeDifference, oursBytes: ours.length, ceilingBytes: ceiling.length };
}
