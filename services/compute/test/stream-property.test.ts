/**
 * Generated hostile traffic on /v1/stream over real WebSockets, against the real entry point as a
 * child process (so that a crash or a blocked event loop shows as a failed test, not a dead or hung
 * test runner): message sequences checked against the kernels library as a model, and tampered
 * snapshots. After each property the process must be alive, /health must answer, no stream state
 * may be left accounted, and resident memory must stay bounded. Fixed seed (PROPERTY_SEED
 * overrides; PROPERTY_RUNS scales the case counts).
 *
 * The tampered-snapshot property states what restoreStream must refuse (INVALID_STATE): every
 * snapshot whose state breaks its indicator's invariants. It depends on the kernels library's
 * snapshot validation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IndicatorError, createStream, getIndicator, indicators, restoreStream, type IndicatorStream, type StreamSnapshot } from '@chitti/kernels';
import { startService, type Service } from './process.ts';
import { barFor, tampered } from './tamper.ts';
import { connectWs, type Client, type Msg } from './ws.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261126);
const SCALE = Number(process.env.PROPERTY_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
/** Longest a reply may take: far beyond any message's work, short of a blocked event loop. */
const REPLY_MS = 3000;

let svc: Service;
let rssBefore = 0;
const metricsText = async () => (await fetch(`http://127.0.0.1:${svc.metricsPort}/metrics`)).text();
const sample = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
const wsUrl = () => `ws://127.0.0.1:${svc.port}/v1/stream`;

before(async () => {
  svc = await startService({ COMPUTE_SOCKET: '', WORKER_THREADS: '0' });
  rssBefore = sample(await metricsText(), 'process_resident_memory_bytes');
});
after(() => svc.cleanup());

/** The process is alive, /health answers, nothing is left accounted, memory is bounded. */
async function checkAlive(): Promise<void> {
  assert.equal(svc.child.exitCode, null, `the service exited: ${svc.stderr().slice(-2000)}`);
  assert.equal((await fetch(`http://127.0.0.1:${svc.metricsPort}/health`)).status, 200);
  let text = '';
  for (let i = 0; i < 100; i++) {
    text = await metricsText();
    if (sample(text, 'chitti_compute_stream_state_bytes') === 0 && sample(text, 'chitti_compute_streams_active') === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(sample(text, 'chitti_compute_stream_state_bytes'), 0, 'no stream state left accounted');
  assert.equal(sample(text, 'chitti_compute_streams_active'), 0);
  const rss = sample(text, 'process_resident_memory_bytes');
  assert.ok(rss < rssBefore + 256 * 2 ** 20, `resident memory ${Math.round(rss / 2 ** 20)} MiB, ${Math.round(rssBefore / 2 ** 20)} MiB at start`);
}

async function ask(c: Client, msg: unknown): Promise<Msg> {
  c.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  return c.next(REPLY_MS);
}

/** Outputs as the service writes them: non-finite numbers are null. */
const json = (outputs: Record<string, number>) => Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));

/** The library's error code for a call, or undefined when it succeeds. */
function libraryCode(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    if (err instanceof IndicatorError) return err.code;
    throw err;
  }
}

const REPLY_OPS = new Set(['opened', 'output', 'peeked', 'snapshot', 'closed', 'error']);
const ids = indicators.map((d) => d.id);
const price = fc.double({ min: 1, max: 1000, noNaN: true });
const KEYS = ['k0', 'k1', 'k2'];

/** Something that is not a bar. */
const badBar = fc.oneof(
  fc.constant({}),
  fc.record({ close: fc.constantFrom(null, 'x', true, [1]) }),
  fc.record({ close: price, bogus: price }),
  fc.jsonValue({ maxDepth: 2 }),
);
const paramsFor = (id: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.record(
        Object.fromEntries(getIndicator(id).params.map((p) => [p.name, p.type === 'integer' ? fc.integer({ min: Math.max(p.min, 1), max: Math.min(p.max, 40) }) : fc.double({ min: p.min, max: Math.min(p.max, 10), noNaN: true })])),
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: fc.record({ period: fc.oneof(fc.integer({ min: -5, max: 0 }), fc.constant(2.5), fc.constant('7'), fc.constant(1e9)) }) },
  );

type Step =
  | { op: 'open'; key: string; id: string; params: Record<string, unknown> | undefined; history: number }
  | { op: 'update' | 'peek'; key: string; bar: unknown; good: boolean }
  | { op: 'snapshot' | 'close'; key: string }
  | { op: 'restore'; key: string; from: string }
  | { op: 'garbage'; text: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ids).chain((id) => fc.record({ op: fc.constant('open' as const), key: fc.constantFrom(...KEYS), id: fc.constant(id), params: paramsFor(id), history: fc.nat({ max: 60 }) })) },
  { weight: 6, arbitrary: fc.record({ op: fc.constantFrom('update' as const, 'peek' as const), key: fc.constantFrom(...KEYS), bar: fc.constant(undefined), good: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('snapshot' as const, 'close' as const), key: fc.constantFrom(...KEYS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restore' as const), key: fc.constantFrom(...KEYS), from: fc.constantFrom(...KEYS) }) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 40 }),
      fc.record({ op: fc.constantFrom('open', 'update', 'peek', 'snapshot', 'close', 'frob', 42), key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 3 }), fc.constant(null)), bar: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ['op'] }).map((v) => JSON.stringify(v)),
      fc.nat({ max: 30 }).map((d) => `{"op":"open","key":"k0","id":"sma","params":${'['.repeat(d)}${']'.repeat(d)}}`),
    ).map((text) => ({ op: 'garbage' as const, text })),
  },
);

describe('WebSocket protocol under generated traffic', { concurrency: 1 }, () => {
  test('generated message sequences: every reply matches the library as a model, one per message, in order', async () => {
    let messages = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { minLength: 25, maxLength: 25 }), async (steps, seeds) => {
        const c = await connectWs(wsUrl());
        const model = new Map<string, IndicatorStream>();
        const snapshots = new Map<string, StreamSnapshot>();
        try {
          for (const [i, s] of steps.entries()) {
            messages++;
            if (s.op === 'garbage') {
              const reply = await ask(c, s.text);
              assert.ok(REPLY_OPS.has(reply.op), JSON.stringify(reply));
              assert.notEqual(reply.code, 'INTERNAL', JSON.stringify(reply));
              // A valid message made by chance is fine; the model cannot follow it, so start over.
              if (reply.op !== 'error') return;
              continue;
            }
            if (s.op === 'open') {
              const history = Object.fromEntries(getIndicator(s.id).inputs.map((name, j) => [name, Array.from({ length: s.history }, (_, b) => 100 + Math.sin(b / 3 + j) * (name === 'low' ? -1 : 1) + (name === 'high' ? 2 : 0) + (name === 'volume' ? 1000 : 0))]));
              const reply = await ask(c, { op: 'open', key: s.key, id: s.id, ...(s.params ? { params: s.params } : {}), ...(s.history ? { history } : {}) });
              if (model.has(s.key)) {
                assert.equal(reply.code, 'STREAM_EXISTS', JSON.stringify(reply));
                continue;
              }
              let lib: IndicatorStream | undefined;
              const code = libraryCode(() => (lib = createStream(s.id, s.params as never)));
              if (code) {
                assert.deepEqual([reply.op, reply.code], ['error', code], JSON.stringify(reply));
                continue;
              }
              const seeded = s.history ? lib!.updateMany(history) : undefined;
              assert.equal(reply.op, 'opened', JSON.stringify(reply));
              assert.deepEqual(reply.params, lib!.params);
              assert.equal(reply.bars, s.history);
              if (seeded) for (const [name, values] of Object.entries(seeded)) assert.equal(reply.outputs[name], Number.isFinite(values[s.history - 1]!) ? values[s.history - 1] : null);
              model.set(s.key, lib!);
              continue;
            }
            if (s.op === 'restore') {
              const snap = snapshots.get(s.from);
              if (!snap) continue;
              const reply = await ask(c, { op: 'open', key: s.key, restore: snap });
              if (model.has(s.key)) assert.equal(reply.code, 'STREAM_EXISTS');
              else {
                assert.equal(reply.op, 'opened', JSON.stringify(reply));
                model.set(s.key, restoreStream(structuredClone(snap)));
              }
              continue;
            }
            const lib = model.get(s.key);
            if (s.op === 'update' || s.op === 'peek') {
              const bar = s.good && lib ? fc.sample(barFor(lib.id), { numRuns: 1, seed: seeds[i]! })[0]! : fc.sample(badBar, { numRuns: 1, seed: seeds[i]! })[0]!;
              const reply = await ask(c, { op: s.op, key: s.key, bar });
              if (!lib) {
                assert.deepEqual([reply.op, reply.code], ['error', 'UNKNOWN_STREAM'], JSON.stringify(reply));
                continue;
              }
              let want: Record<string, number> | undefined;
              const code = typeof bar !== 'object' || bar === null || Array.isArray(bar) ? 'BAD_MESSAGE' : libraryCode(() => (want = s.op === 'update' ? lib.update(bar as never) : lib.peek(bar as never)));
              if (code) {
                assert.deepEqual([reply.op, reply.code], ['error', code], JSON.stringify(reply));
                continue;
              }
              assert.deepEqual(reply, { op: s.op === 'update' ? 'output' : 'peeked', key: s.key, bar: s.op === 'update' ? lib.bars - 1 : lib.bars, outputs: json(want!) });
              continue;
            }
            const reply = await ask(c, { op: s.op, key: s.key });
            if (!lib) {
              assert.equal(reply.code, 'UNKNOWN_STREAM', JSON.stringify(reply));
              continue;
            }
            if (s.op === 'snapshot') {
              assert.deepEqual(reply.snapshot, lib.snapshot());
              snapshots.set(s.key, reply.snapshot as StreamSnapshot);
            } else {
              assert.deepEqual(reply, { op: 'closed', key: s.key });
              model.delete(s.key);
            }
          }
        } finally {
          await c.close();
        }
      }),
      { seed: SEED, numRuns: runs(80), endOnFailure: true },
    );
    assert.ok(messages > 300, `${messages} messages`);
    await checkAlive();
  });

  test('tampered snapshots: impossible states are refused with INVALID_STATE; whatever is accepted keeps working; nothing crashes or stalls', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(tampered, async ({ snapshot, mustRefuse, what }) => {
        const c = await connectWs(wsUrl());
        try {
          const reply = await ask(c, { op: 'open', key: 't', restore: snapshot });
          const show = `${what}: ${JSON.stringify(reply).slice(0, 300)}`;
          assert.ok(reply.op === 'opened' || reply.op === 'error', show);
          assert.ok(!['INTERNAL', 'STREAM_BROKEN'].includes(reply.code), show);
          if (mustRefuse) {
            assert.deepEqual([reply.op, reply.code], ['error', 'INVALID_STATE'], show);
            assert.match(String(reply.path), /^snapshot/, show);
          }
          if (reply.op === 'error') {
            refused++;
            return;
          }
          // Accepted: it must behave as a stream, promptly, and keep its shape.
          const id = snapshot.id as string;
          for (const bar of fc.sample(barFor(id), { numRuns: 3, seed: refused })) {
            for (const op of ['peek', 'update'] as const) {
              const r = await ask(c, { op, key: 't', bar });
              assert.equal(r.op, op === 'update' ? 'output' : 'peeked', `${what}: ${JSON.stringify(r).slice(0, 300)}`);
              for (const v of Object.values(r.outputs as Record<string, unknown>)) assert.ok(v === null || typeof v === 'number');
            }
          }
          assert.equal((await ask(c, { op: 'snapshot', key: 't' })).op, 'snapshot');
        } finally {
          await c.close();
        }
      }),
      { seed: SEED, numRuns: runs(400), endOnFailure: true },
    );
    assert.ok(refused > 100, `${refused} refused`);
    await checkAlive();
  });
});
