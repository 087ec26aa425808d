import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { INPUT_ORDER, indicators } from '@chitti/kernels';
import { inputsFor, start, type Harness } from './helpers.ts';

let h: Harness;
// Two specs per indicator: the spec limit is raised to fit the whole registry.
before(async () => (h = await start({ limits: { batchSpecs: Math.max(64, 2 * indicators.length) } })));
after(() => h.close());

const allInputs = INPUT_ORDER;

/** Kernel calls recorded so far, per indicator (the data-points histogram's _count). */
async function kernelCalls(): Promise<Record<string, number>> {
  const text = await (await fetch(`${h.adminUrl}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^chitti_compute_indicator_data_points_count\{indicator="(\w+)"\} (\d+)$/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

/**
 * The panel kernels run series side by side in SIMD lanes; the single-series kernels advance several
 * bars per step. The two agree to the kernels' documented tolerance (1e-12 of the output's scale),
 * not always to the last bit; nulls (the lookback) must match exactly.
 */
function assertClose(got: Record<string, (number | null)[]>, want: Record<string, (number | null)[]>, what: string): void {
  assert.deepEqual(Object.keys(got), Object.keys(want), what);
  for (const [name, w] of Object.entries(want)) {
    const g = got[name]!;
    assert.equal(g.length, w.length, `${what} ${name}: length`);
    const scale = Math.max(1e-300, ...w.map((v) => Math.abs(v ?? 0)));
    for (let i = 0; i < w.length; i++) {
      if (w[i] === null || g[i] === null) assert.equal(g[i], w[i], `${what} ${name}[${i}]`);
      else assert.ok(Math.abs(g[i]! - w[i]!) <= 1e-12 * scale, `${what} ${name}[${i}]: ${g[i]} vs ${w[i]}`);
    }
  }
}

test('batch equals one call per series and spec; equal lengths go through one panel call', async () => {
  const series: Record<string, Record<string, number[]>> = {
    AAPL: inputsFor(allInputs, 300, 1),
    MSFT: inputsFor(allInputs, 300, 2),
    GOOG: inputsFor(allInputs, 300, 3),
    TSLA: inputsFor(allInputs, 120, 4),
  };
  // Two specs per indicator, in requests of at most MAX_BATCH_SPECS (64) specs.
  for (let from = 0; from < indicators.length; from += 32) {
    const defs = indicators.slice(from, from + 32);
    const specs = defs.flatMap((def) => [
      { id: def.id },
      { id: def.id, key: `${def.id}-custom`, params: Object.fromEntries(def.params.filter((p) => p.type === 'integer').map((p) => [p.name, Math.min(p.max, p.default! + 3)])) },
    ]);
    const before = await kernelCalls();
    const res = await h.call('tcp', '/v1/batch', { json: { series, specs } });
    assert.equal(res.status, 200, res.text());
    const after = await kernelCalls();
    const body = res.json();
    for (const def of defs) {
      // Two specs per indicator, two length groups each (3 series of 300 in one panel, 1 of 120 alone).
      assert.equal((after[def.id] ?? 0) - (before[def.id] ?? 0), 4, `${def.id}: kernel calls`);
    }
    for (const spec of specs) {
      const key = spec.key ?? spec.id;
      const meta = body.specs[key];
      assert.equal(meta.id, spec.id);
      for (const [name, inputs] of Object.entries(series)) {
        const def = indicators.find((d) => d.id === spec.id)!;
        const single = await h.call('unix', `/v1/indicators/${spec.id}`, { json: { inputs: Object.fromEntries(def.inputs.map((i) => [i, inputs[i]])), params: spec.params ?? {} } });
        const want = single.json();
        assert.deepEqual(meta.params, want.params);
        assert.equal(meta.lookback, want.lookback);
        assertClose(body.results[name][key], want.outputs, `${name} ${key}`);
      }
    }
  }
});

test('batch over the Unix socket, one series', async () => {
  const res = await h.call('unix', '/v1/batch', { json: { series: { X: { close: [1, 2, 3, 4] } }, specs: [{ id: 'sma', params: { period: 2 } }] } });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json(), { specs: { sma: { id: 'sma', params: { period: 2 }, lookback: 1 } }, results: { X: { sma: { sma: [null, 1.5, 2.5, 3.5] } } } });
});
