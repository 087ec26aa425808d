// The bare-fastify baselines of the service benchmark: no service features (no hooks, metrics,
// validation, tracing), only what the framework costs for the same traffic.
//   GET /            a constant: the framework's ceiling on this machine (the baseline)
//   POST /parse      the 1k-point JSON body through fastify's default JSON parser, a constant back
//   POST /sma        the same body parsed, a plain-JavaScript SMA (TA-Lib's running sum: the same
//                    values as ours to ~1e-15, full-precision doubles alike) and a response of the
//                    same shape, serialised per request by fastify's default serializer
//                    (JSON.stringify): the JSON ceiling for this payload.
//   POST /floor      the I/O floor (issue 20): the body read as bytes, never parsed, and the response
//                    the ceiling would send for it (JSON) or the SMA as float64 (binary), computed on
//                    a body's first request and then sent from a cache: the same bytes in and out as
//                    the ceiling and ours, with no number work at all. Its body's memory is freed
//                    once the response is written, as the service frees a large request's
//                    (services/compute/src/collect.ts): without, the floor paid full collections
//                    that the service no longer pays, and was no floor.
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { freeNow } from '../../services/compute/src/collect.ts';

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

/** The response for a body, computed once: the floor route answers the same bytes without the work. */
const floorResponses = new Map<string, string | Buffer>();

function floorResponse(contentType: string, body: Buffer, period: number): string | Buffer {
  const key = `${contentType} ${body.length}`;
  let response = floorResponses.get(key);
  if (response === undefined) {
    if (contentType.startsWith('application/json')) {
      const { inputs, params } = JSON.parse(body.toString()) as SmaBody;
      response = JSON.stringify({ id: 'sma', params: { period: params.period }, lookback: params.period - 1, outputs: { sma: smaJs(inputs.close, params.period) } });
    } else {
      const close = Array.from(new Float64Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.length)));
      const sma = Float64Array.from(smaJs(close, period), (v) => v ?? Number.NaN);
      response = Buffer.from(sma.buffer);
    }
    floorResponses.set(key, response);
  }
  return response;
}

async function floorRoutes(app: FastifyInstance): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/octet-stream'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.addHook('onResponse', async (request, reply) => {
    if (reply.raw.writableFinished) freeNow(request.body);
  });
  app.post('/floor', async (request, reply) => {
    const type = request.headers['content-type'] ?? '';
    const period = Number((request.query as { period?: string }).period ?? 20);
    const response = floorResponse(type, request.body as Buffer, period);
    return reply.type(typeof response === 'string' ? 'application/json; charset=utf-8' : 'application/octet-stream').send(response);
  });
}

export function bareApp(): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
  void app.register(floorRoutes);
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
