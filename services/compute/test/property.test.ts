/**
 * Generated hostile input (fast-check) over real HTTP: every malformed request gets a 4xx
 * problem+json, never a 5xx, and the service still answers /health and a valid request after each
 * property. Fixed seed by default (PROPERTY_SEED overrides, PROPERTY_RUNS scales the case counts);
 * on failure fast-check's report — seed, path and the shrunk counterexample — is the test's error.
 *
 * Why real HTTP for every case rather than fastify's inject: the HTTP parser, keep-alive reuse and
 * body streaming are part of what hostile input hits. A keep-alive undici pool keeps it at roughly
 * 1 ms per case on loopback, so 10,000+ cases fit in well under a minute.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Pool } from 'undici';
import { indicators } from '@chitti/kernels';
import { start, type Harness } from './helpers.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261125);
const SCALE = Number(process.env.PROPERTY_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const LIMITS = { bodyBytes: 64 * 1024, pointsPerSeries: 2_000, batchSeries: 8, batchSpecs: 4, outputValues: 20_000 };

let h: Harness;
let pool: Pool;
let cases = 0;
before(async () => {
  // Low worker thresholds: larger generated bodies take the worker path, the rest the main thread.
  h = await start({ limits: LIMITS, workers: { threads: 1, jsonBytes: 4 * 1024, binaryPoints: 256 } });
  pool = new Pool(h.tcp, { connections: 6, pipelining: 1 });
});
after(async () => {
  await pool.close();
  await h.close();
});

interface Req {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const JSON_CT = { 'content-type': 'application/json' };
const OCTET_CT = { 'content-type': 'application/octet-stream' };
const ids = indicators.map((d) => d.id);
const multiInput = indicators.filter((d) => d.inputs.length > 1);

async function send(req: Req): Promise<{ status: number; type: string; text: string }> {
  cases++;
  const res = await pool.request({ method: req.method ?? 'POST', path: req.path, headers: req.headers, body: req.body });
  const text = await res.body.text();
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), text };
}

/** The contract for a bad request: a 4xx RFC 9457 body, consistent, with nothing internal in it. */
function assertProblem(res: { status: number; type: string; text: string }, req: Req): void {
  const show = `${req.method ?? 'POST'} ${req.path} -> ${res.status} ${res.text.slice(0, 300)}`;
  assert.ok(res.status >= 400 && res.status < 500, show);
  assert.match(res.type, /^application\/problem\+json/, show);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  assert.equal(body.status, res.status, show);
  assert.match(String(body.type), /^\/problems\/[a-z-]+$/, show);
  assert.equal(typeof body.title, 'string', show);
  assert.equal(typeof body.detail, 'string', show);
  assert.doesNotMatch(res.text, /\bat [^ ]+ \(|node_modules|\/work\/|\.ts:\d+/, `no stack or path: ${show}`);
}

async function checkAlive(): Promise<void> {
  assert.equal((await fetch(`${h.adminUrl}/health`)).status, 200);
  const ok = await send({ path: '/v1/indicators/sma', headers: JSON_CT, body: '{"inputs":{"close":[1,2,3,4]},"params":{"period":2}}' });
  assert.equal(ok.status, 200, ok.text);
}

/** Runs one property, then checks the service is alive; fast-check's report (with seed) is the error. */
async function property(name: string, arb: fc.Arbitrary<Req>, numRuns: number, check: (res: Awaited<ReturnType<typeof send>>, req: Req) => void = assertProblem) {
  await fc.assert(
    fc.asyncProperty(arb, async (req) => check(await send(req), req)),
    { seed: SEED, numRuns: runs(numRuns), verbose: 1, endOnFailure: false },
  ).catch((err: Error) => {
    throw new Error(`property "${name}" failed (PROPERTY_SEED=${SEED} reproduces it)\n${err.message}`);
  });
  await checkAlive();
}

const id = fc.constantFrom(...ids);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
const series = (min = 1, max = 40) => fc.array(finite, { minLength: min, maxLength: max });
const notNumber = fc.oneof(fc.string({ maxLength: 8 }), fc.boolean(), fc.constant(null), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }), fc.array(fc.integer(), { maxLength: 2 }));
const numberAsString = finite.map((x) => String(x));
const jsonBody = (path: string, value: unknown): Req => ({ path, headers: JSON_CT, body: JSON.stringify(value) });

/** A series with one element replaced by something that is not a number. */
const seriesWithBad = fc.tuple(series(1, 30), fc.oneof(notNumber, numberAsString), fc.nat()).map(([s, bad, at]) => {
  const out: unknown[] = [...s];
  out[at % (s.length + 1)] = bad;
  return out;
});

// Properties run side by side (each sequential inside): the service sees concurrent hostile traffic.
describe('hostile input', { concurrency: 4 }, () => {
  test('wrong types and numbers as strings in series, params and shape: 4xx', async () => {
    const arb = fc.oneof(
      fc.tuple(id, seriesWithBad).map(([i, s]) => jsonBody(`/v1/indicators/${i}`, { inputs: Object.fromEntries(indicators.find((d) => d.id === i)!.inputs.map((n) => [n, s])) })),
      fc.tuple(id, fc.oneof(notNumber, numberAsString)).map(([i, p]) => jsonBody(`/v1/indicators/${i}`, { inputs: { close: [1, 2, 3] }, params: { period: p } })),
      fc.tuple(id, notNumber).map(([i, x]) => jsonBody(`/v1/indicators/${i}`, { inputs: x })),
      fc.tuple(id, fc.jsonValue({ maxDepth: 3 })).filter(([, v]) => typeof v !== 'object' || v === null || Array.isArray(v)).map(([i, v]) => jsonBody(`/v1/indicators/${i}`, v)),
      fc.tuple(seriesWithBad, id).map(([s, i]) => jsonBody('/v1/batch', { series: { A: { close: s, high: s, low: s, open: s, volume: s } }, specs: [{ id: i }] })),
      fc.tuple(notNumber, fc.oneof(notNumber, fc.constant([]))).map(([s, specs]) => jsonBody('/v1/batch', { series: s, specs })),
    );
    await property('wrong types', arb, 1800);
  });

  test('NaN and Infinity spelled every way, in JSON text and in binary: 4xx', async () => {
    const spelling = fc.constantFrom('NaN', '-NaN', 'nan', 'Infinity', '-Infinity', '+Infinity', 'inf', '-inf', '1e999', '-1e999', '1e309', '"NaN"', '"Infinity"', '"-Infinity"', '"inf"', 'undefined', 'null', '0x10', '+1', '01', '.5', '5.', '1_000', '1e', '--1', 'Infinity1', '\u221e', '"\u221e"');
    const arb = fc.oneof(
      fc.tuple(series(0, 20), spelling, fc.nat(), id).map(([s, word, at, i]) => {
        const parts = s.map(String);
        parts.splice(at % (parts.length + 1), 0, word);
        const def = indicators.find((d) => d.id === i)!;
        return { path: `/v1/indicators/${i}`, headers: JSON_CT, body: `{"inputs":{${def.inputs.map((n) => `"${n}":[${parts.join(',')}]`).join(',')}}}` };
      }),
      fc.tuple(fc.array(finite, { minLength: 1, maxLength: 30 }), fc.constantFrom(NaN, Infinity, -Infinity), fc.nat(), fc.constantFrom('sma', 'ema', 'rsi', 'mom', 'roc')).map(([s, bad, at, i]) => {
        const values = Float64Array.from(s);
        values[at % values.length] = bad;
        return { path: `/v1/indicators/${i}?period=2`, headers: OCTET_CT, body: Buffer.from(values.buffer) };
      }),
      fc.tuple(spelling, id).map(([word, i]) => ({ path: `/v1/indicators/${i}`, headers: JSON_CT, body: `{"inputs":{"close":[1,2,3]},"params":{"period":${word}}}` })),
      fc.tuple(fc.constantFrom('NaN', 'Infinity', '-Infinity', 'inf', '1e999', '', ' ', '0x10', '1e', 'abc'), fc.constantFrom('sma', 'ema', 'bbands')).map(([word, i]) => ({ path: `/v1/indicators/${i}?period=${encodeURIComponent(word)}`, headers: OCTET_CT, body: Buffer.alloc(64) })),
    );
    await property('non-finite numbers', arb, 1600);
  });

  test('empty and single-element series are legal: 200 with aligned all-null outputs (or a 4xx problem)', async () => {
    const arb = fc.tuple(id, fc.constantFrom(0, 1), finite, fc.boolean()).map(([i, n, x, binary]): Req => {
      const def = indicators.find((d) => d.id === i)!;
      if (binary) return { path: `/v1/indicators/${i}`, headers: OCTET_CT, body: Buffer.from(new Float64Array(def.inputs.length * n).fill(Math.abs(x) + 1).buffer) };
      return jsonBody(`/v1/indicators/${i}`, { inputs: Object.fromEntries(def.inputs.map((name) => [name, n === 0 ? [] : [Math.abs(x) + 1]])) });
    });
    await property('empty and single', arb, 500, (res, req) => {
      if (res.status !== 200) return assertProblem(res, req);
      if (req.headers['content-type'] === OCTET_CT['content-type']) return;
      const body = JSON.parse(res.text) as { outputs: Record<string, unknown[]> };
      const n = (JSON.parse(String(req.body)) as { inputs: Record<string, unknown[]> }).inputs;
      const len = Object.values(n)[0]!.length;
      for (const out of Object.values(body.outputs)) {
        assert.equal(out.length, len);
        if (len === 1) assert.ok(out[0] === null || typeof out[0] === 'number');
      }
    });
  });

  test('lengths that differ between inputs, unknown and missing inputs: 4xx', async () => {
    const arb = fc.oneof(
      fc.tuple(fc.constantFrom(...multiInput), series(1, 30), fc.integer({ min: 1, max: 5 }), fc.nat()).map(([def, s, cut, which]) => {
        const inputs: Record<string, number[]> = Object.fromEntries(def.inputs.map((n) => [n, s]));
        const victim = def.inputs[which % def.inputs.length]!;
        inputs[victim] = s.length > cut ? s.slice(cut) : [...s, ...s.slice(0, cut)];
        return jsonBody(`/v1/indicators/${def.id}`, { inputs });
      }),
      fc.tuple(fc.constantFrom(...multiInput), series(2, 20)).map(([def, s]) => jsonBody(`/v1/indicators/${def.id}`, { inputs: { [def.inputs[0]!]: s } })),
      fc.tuple(id, fc.string({ minLength: 1, maxLength: 12 }).filter((n) => !['open', 'high', 'low', 'close', 'volume'].includes(n)), series(1, 10)).map(([i, name, s]) => {
        const def = indicators.find((d) => d.id === i)!;
        return jsonBody(`/v1/indicators/${i}`, { inputs: { ...Object.fromEntries(def.inputs.map((n) => [n, s])), [name]: s } });
      }),
      fc.tuple(series(2, 10), series(11, 20)).map(([a, b]) => jsonBody('/v1/batch', { series: { A: { high: a, low: b, close: a } }, specs: [{ id: 'adx' }] })),
    );
    await property('length mismatch', arb, 1200);
  });

  test('huge, negative, fractional and unknown parameters: 4xx', async () => {
    const badValue = fc.oneof(fc.integer({ min: -(2 ** 53), max: 0 }), fc.integer({ min: 100_001, max: 2 ** 53 }), fc.constantFrom(1e308, -1e308, 2 ** 64, 1.5, 2.000001, Number.MIN_VALUE, -0.5));
    const name = fc.string({ minLength: 1, maxLength: 10 }).filter((n) => !['period', 'fastPeriod', 'slowPeriod', 'signalPeriod', 'devUp', 'devDown'].includes(n) && n !== '__proto__');
    const periodic = indicators.filter((d) => d.params.some((p) => p.name === 'period'));
    const arb = fc.oneof(
      fc.tuple(fc.constantFrom(...periodic), badValue).map(([def, v]) => jsonBody(`/v1/indicators/${def.id}`, { inputs: Object.fromEntries(def.inputs.map((n) => [n, [1, 2, 3]])), params: { period: v } })),
      fc.tuple(id, name, fc.integer()).map(([i, n, v]) => jsonBody(`/v1/indicators/${i}`, { inputs: { close: [1, 2, 3] }, params: { [n]: v } })),
      fc.tuple(fc.constantFrom(...periodic), badValue).map(([def, v]) => ({ path: `/v1/indicators/${def.id}?period=${v}`, headers: OCTET_CT, body: Buffer.alloc(8 * def.inputs.length * 3) })),
      fc.tuple(name, fc.integer()).map(([n, v]) => ({ path: `/v1/indicators/sma?${encodeURIComponent(n)}=${v}`, headers: OCTET_CT, body: Buffer.alloc(24) })),
      fc.tuple(fc.constantFrom(...periodic), badValue).map(([def, v]) => jsonBody('/v1/batch', { series: { A: { open: [1], high: [1], low: [1], close: [1], volume: [1] } }, specs: [{ id: def.id, params: { period: v } }] })),
      fc.tuple(fc.string({ maxLength: 10 }).filter((s) => !ids.includes(s))).map(([bad]) => jsonBody('/v1/batch', { series: { A: { close: [1] } }, specs: [{ id: bad }] })),
    );
    await property('bad params', arb, 1500);
  });

  test('deep nesting, duplicate keys, __proto__ and truncated JSON: 400', async () => {
    const valid = fc.tuple(id, series(1, 20)).map(([i, s]) => {
      const def = indicators.find((d) => d.id === i)!;
      return { i, text: JSON.stringify({ inputs: Object.fromEntries(def.inputs.map((n) => [n, s])) }) };
    });
    const arb = fc.oneof(
      // From depth 2: at depth 1 the '[' form is the valid body {"inputs":{"close":[1]}}.
      fc.tuple(fc.integer({ min: 2, max: 9_000 }), fc.constantFrom('[', '{"a":'), id).map(([depth, open, i]) => {
        // Deep, yet under MAX_BODY_BYTES (64 KiB) so the nesting itself is what gets checked.
        const close = open === '[' ? ']' : '}';
        return { path: `/v1/indicators/${i}`, headers: JSON_CT, body: `{"inputs":{"close":${open.repeat(depth)}1${close.repeat(depth)}}}` };
      }),
      fc.tuple(fc.integer({ min: 1, max: 20_000 }), id).map(([depth, i]) => ({ path: `/v1/indicators/${i}`, headers: JSON_CT, body: `${'['.repeat(depth)}${']'.repeat(depth)}` })),
      fc.tuple(id, series(1, 10), series(1, 10), fc.constantFrom('top', 'inputs', 'params')).map(([i, a, b, where]) => {
        const def = indicators.find((d) => d.id === i)!;
        const inputs = def.inputs.map((n) => `"${n}":${JSON.stringify(a)}`).join(',');
        const body =
          where === 'top' ? `{"inputs":{${inputs}},"inputs":{${inputs}}}`
          : where === 'inputs' ? `{"inputs":{${inputs},"${def.inputs[0]}":${JSON.stringify(b)}}}`
          : `{"inputs":{${inputs}},"params":{"x":1,"x":2}}`;
        return { path: `/v1/indicators/${i}`, headers: JSON_CT, body };
      }),
      valid.map(({ i, text }) => ({ path: `/v1/indicators/${i}`, headers: JSON_CT, body: `{"__proto__":{"polluted":1},${text.slice(1)}` })),
      fc.tuple(valid, fc.nat()).map(([{ i, text }, cut]) => ({ path: `/v1/indicators/${i}`, headers: JSON_CT, body: text.slice(0, cut % text.length) })),
      fc.tuple(valid, fc.nat(), fc.constantFrom('}', ']', ',', ':', '"', '{', 'x', '\u0000', '\\')).map(([{ i, text }, at, junk]) => {
        const k = 1 + (at % (text.length - 1));
        return { path: `/v1/indicators/${i}`, headers: JSON_CT, body: text.slice(0, k) + junk + text.slice(k) };
      }).filter((r) => { try { JSON.parse(String(r.body)); return false; } catch { return true; } }),
      fc.tuple(fc.integer({ min: 1, max: 5_000 })).map(([depth]) => ({ path: '/v1/batch', headers: JSON_CT, body: `{"series":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},"specs":[{"id":"sma"}]}` })),
    );
    await property('structure', arb, 1500);
  });

  test('truncated and misaligned binary bodies: 400', async () => {
    const arb = fc.tuple(id, fc.integer({ min: 1, max: 4_000 })).filter(([i, len]) => len % (8 * indicators.find((d) => d.id === i)!.inputs.length) !== 0)
      .map(([i, len]) => ({ path: `/v1/indicators/${i}`, headers: OCTET_CT, body: Buffer.alloc(len, 0x3f) }));
    await property('binary length', arb, 1000);
  });

  test('wrong and missing content types, wrong methods, unknown routes and indicators: 4xx', async () => {
    const ct = fc.oneof(
      fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/json-patch+json', 'application/octet', 'image/png', 'text/json', '*/*', 'application/*', 'json'),
      fc.stringMatching(/^[a-z]{1,10}\/[a-z+.-]{1,15}$/).filter((t) => t !== 'application/json' && t !== 'application/octet-stream'),
    );
    const arb = fc.oneof(
      fc.tuple(id, ct).map(([i, type]) => ({ path: `/v1/indicators/${i}`, headers: { 'content-type': type }, body: '{"inputs":{"close":[1,2,3]}}' })),
      id.map((i) => ({ path: `/v1/indicators/${i}`, headers: {}, body: '{"inputs":{"close":[1,2,3]}}' })),
      ct.map((type) => ({ path: '/v1/batch', headers: { 'content-type': type }, body: '{}' })),
      fc.constant({ path: '/v1/batch', headers: OCTET_CT, body: Buffer.alloc(16) }),
      fc.tuple(fc.constantFrom('PUT', 'DELETE', 'PATCH') as fc.Arbitrary<'PUT' | 'DELETE' | 'PATCH'>, id).map(([method, i]) => ({ method, path: `/v1/indicators/${i}`, headers: JSON_CT, body: '{}' })),
      fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !ids.includes(s)).map((s) => jsonBody(`/v1/indicators/${encodeURIComponent(s)}`, { inputs: { close: [1, 2] } })),
      fc.webPath().filter((p) => !/^\/(v1\/indicators|openapi\.json|problems)/.test(p)).map((p) => ({ method: 'GET' as const, path: p.startsWith('/') ? p : `/${p}`, headers: {} })),
      fc.constantFrom('%ff', '%', '%zz', '%c3%28', 'a%00b').map((p) => jsonBody(`/v1/indicators/${p}`, {})),
    );
    await property('media types and routes', arb, 1500);
  });

  test('oversized bodies, series, batches and outputs: 413', async () => {
    const arb = fc.oneof(
      fc.integer({ min: LIMITS.bodyBytes + 1, max: LIMITS.bodyBytes * 3 }).map((n) => ({ path: '/v1/indicators/sma', headers: JSON_CT, body: `{"inputs":{"close":[${'1,'.repeat(Math.ceil(n / 2))}1]}}` })),
      fc.integer({ min: LIMITS.bodyBytes + 8, max: LIMITS.bodyBytes * 2 }).map((n) => ({ path: '/v1/indicators/sma', headers: OCTET_CT, body: Buffer.alloc(n - (n % 8)) })),
      fc.integer({ min: LIMITS.pointsPerSeries + 1, max: LIMITS.pointsPerSeries * 3 }).map((n) => jsonBody('/v1/indicators/ema', { inputs: { close: Array.from({ length: n }, () => 1) } })),
      fc.integer({ min: LIMITS.batchSeries + 1, max: 40 }).map((n) => jsonBody('/v1/batch', { series: Object.fromEntries(Array.from({ length: n }, (_, k) => [`s${k}`, { close: [1, 2] }])), specs: [{ id: 'sma' }] })),
      fc.integer({ min: LIMITS.batchSpecs + 1, max: 20 }).map((n) => jsonBody('/v1/batch', { series: { A: { close: [1, 2] } }, specs: Array.from({ length: n }, (_, k) => ({ id: 'sma', key: `k${k}` })) })),
    );
    await property('oversized', arb, 400, (res, req) => {
      assertProblem(res, req);
      assert.equal(res.status, 413, res.text);
    });
  });

  test('invalid UTF-8 anywhere in a JSON body: 400', async () => {
    const badBytes = fc.constantFrom([0xff], [0xfe], [0xc0, 0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbf]);
    const arb = fc.tuple(id, series(1, 20), badBytes, fc.nat(), fc.constantFrom('anywhere', 'key', 'string')).map(([i, s, bytes, at, where]) => {
      const def = indicators.find((d) => d.id === i)!;
      const text = where === 'key' ? `{"inputs":{"${def.inputs[0]}\u0001":${JSON.stringify(s)}}}` : where === 'string' ? `{"inputs":{"\u0001":[1]}}` : JSON.stringify({ inputs: Object.fromEntries(def.inputs.map((n) => [n, s])) });
      const buf = Buffer.from(text);
      const mark = buf.indexOf(1);
      const k = mark >= 0 ? mark : at % (buf.length + 1);
      return { path: `/v1/indicators/${i}`, headers: JSON_CT, body: Buffer.concat([buf.subarray(0, k), Buffer.from(bytes), buf.subarray(mark >= 0 ? k + 1 : k)]) };
    });
    await property('invalid UTF-8', arb, 800, (res, req) => {
      assertProblem(res, req);
      assert.equal(res.status, 400, res.text);
    });
  });
});

test(`at least 10,000 generated cases ran (seed ${SEED})`, () => {
  if (SCALE >= 1) assert.ok(cases >= 10_000, `${cases} cases`);
});
