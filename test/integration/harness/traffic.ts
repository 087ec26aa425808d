// API traffic of every kind the service distinguishes: JSON and binary indicator requests, batches,
// listings, and invalid requests (404, 400, 415, 422), each with the bearer token.
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'undici';

export interface TrafficResult {
  byStatus: Map<number, number>;
  /** Trace ids sent in `traceparent` headers (sampled), for the exemplar check. */
  traceIds: string[];
}

function walk(n: number, seed: number): number[] {
  const out = new Array<number>(n);
  let x = 100 + seed;
  for (let i = 0; i < n; i++) {
    x += Math.sin(i * 0.37 + seed) * 0.8 + ((i * 7919 + seed) % 13) / 13 - 0.5;
    out[i] = Math.round(x * 100) / 100;
  }
  return out;
}

function float64Body(series: number[][]): Uint8Array {
  const n = series[0]?.length ?? 0;
  const bytes = new Uint8Array(8 * n * series.length);
  series.forEach((s, j) => bytes.set(new Uint8Array(Float64Array.from(s).buffer), 8 * n * j));
  return bytes;
}

export class TrafficClient {
  readonly base: string;
  readonly token: string;
  readonly result: TrafficResult = { byStatus: new Map(), traceIds: [] };

  constructor(base: string, token: string) {
    this.base = base;
    this.token = token;
  }

  async #send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array }, traced = false): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, ...init.headers };
    if (traced) {
      const traceId = randomBytes(16).toString('hex');
      headers.traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
      this.result.traceIds.push(traceId);
    }
    const res = await fetch(`${this.base}${path}`, { method: init.method ?? 'GET', headers, body: init.body ?? null, signal: AbortSignal.timeout(60_000) });
    await res.arrayBuffer();
    this.result.byStatus.set(res.status, (this.result.byStatus.get(res.status) ?? 0) + 1);
    return res;
  }

  json(id: string, inputs: Record<string, number[]>, params: Record<string, number> = {}, traced = false): Promise<Response> {
    return this.#send(`/v1/indicators/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inputs, params }) }, traced);
  }

  binary(id: string, inputs: number[][], params: Record<string, number> = {}, traced = false): Promise<Response> {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
    return this.#send(`/v1/indicators/${id}?${query}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: float64Body(inputs) }, traced);
  }

  batch(series: Record<string, Record<string, number[]>>, specs: { id: string; params?: Record<string, number>; key?: string }[]): Promise<Response> {
    return this.#send('/v1/batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ series, specs }) });
  }

  get(path: string): Promise<Response> {
    return this.#send(path, {});
  }

  raw(path: string, contentType: string, body: string): Promise<Response> {
    return this.#send(path, { method: 'POST', headers: { 'content-type': contentType }, body });
  }

  /**
   * A /v1/stream session: open a stream seeded from history, send bars one by one (each answered
   * before the next), close. Feeds the stream metrics the dashboards show.
   */
  async stream(close: number[], bars = 20): Promise<void> {
    const url = `${this.base.replace(/^http/, 'ws')}/v1/stream`;
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${this.token}` } });
    const replies: unknown[] = [];
    let wake: (() => void) | undefined;
    ws.addEventListener('message', (e) => {
      replies.push(JSON.parse(String(e.data)));
      wake?.();
    });
    const opened = new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve());
      ws.addEventListener('error', () => reject(new Error(`WebSocket ${url} failed to open`)));
    });
    const reply = async (): Promise<{ op: string }> => {
      const deadline = Date.now() + 30_000;
      while (replies.length === 0) {
        if (Date.now() > deadline) throw new Error('no reply on /v1/stream within 30 s');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1_000);
        });
      }
      return replies.shift() as { op: string };
    };
    await opened;
    try {
      const split = close.length - bars;
      ws.send(JSON.stringify({ op: 'open', key: 'IT', id: 'rsi', params: { period: 14 }, history: { close: close.slice(0, split) } }));
      const first = await reply();
      if (first.op !== 'opened') throw new Error(`stream open answered ${JSON.stringify(first)}`);
      for (const price of close.slice(split)) {
        ws.send(JSON.stringify({ op: 'update', key: 'IT', bar: { close: price } }));
        const out = await reply();
        if (out.op !== 'output') throw new Error(`stream update answered ${JSON.stringify(out)}`);
      }
    } finally {
      ws.close(1000);
    }
  }

  /** One round of the whole mix; `round` varies sizes and values. */
  async round(round: number): Promise<void> {
    const n = [120, 1_000, 5_000, 20_000][round % 4]!;
    const close = walk(n, round);
    const high = close.map((c) => c + 0.5);
    const low = close.map((c) => c - 0.5);
    const volume = close.map((_, i) => 1_000 + ((i * 37) % 500));
    await Promise.all([
      this.json('sma', { close }, { period: 20 }, true),
      this.json('ema', { close }, { period: 12 }),
      this.json('rsi', { close }, { period: 14 }, true),
      this.json('bbands', { close }, { period: 20 }),
      this.json('macd', { close }),
      this.binary('sma', [close], { period: 50 }, true),
      this.binary('ema', [close], { period: 26 }),
      this.binary('rsi', [close]),
      this.batch(
        { AAA: { close, high, low, volume }, BBB: { close: close.map((c) => c * 1.1), high: high.map((c) => c * 1.1), low: low.map((c) => c * 1.1), volume } },
        [{ id: 'ema', params: { period: 10 } }, { id: 'sma', params: { period: 5 } }, { id: 'rsi' }],
      ),
      this.get('/v1/indicators'),
      this.get('/v1/indicators/sma'),
      this.get('/openapi.json'),
      this.stream(close),
      // Mistakes clients make: each must be a 4xx problem, never a 5xx.
      this.json('no-such-indicator', { close }),
      this.json('sma', { close: [1, 2, 3] }, { period: 0 }),
      this.raw('/v1/indicators/sma', 'application/json', '{"inputs": {"close": [1, 2'),
      this.raw('/v1/indicators/ema', 'text/csv', '1,2,3\n'),
      this.raw('/v1/indicators/rsi', 'application/json', '{"inputs": {"close": [1, "two", 3]}}'),
    ]);
  }
}
