// The Hilbert-transform family: where both kernels use the same libm functions (atan only: MAMA,
// HT_DCPERIOD, HT_PHASOR, HT_TRENDLINE) the WebAssembly kernel equals the reference bit for bit, as
// the docs say; and the phase functions' allowance (test/helpers/hilbert.ts) is confined to the bars
// it is about: none on a random walk, every bar on a flat series.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compute, indicators } from '../src/index.ts';
import { hilbertTolerance } from './helpers/hilbert.ts';
import { shapes } from './helpers/series.ts';

test('MAMA, HT_DCPERIOD, HT_PHASOR and HT_TRENDLINE: WebAssembly equals the reference bit for bit', () => {
  for (const id of ['mama', 'ht_dcperiod', 'ht_phasor', 'ht_trendline']) {
    for (const shape of shapes) {
      for (const n of [31, 32, 33, 63, 64, 4000]) {
        const close = shape.make(n, n + 1);
        const w = compute(id, { close }, {}, { kernel: 'wasm-simd' });
        const t = compute(id, { close }, {}, { kernel: 'typescript' });
        for (const [name, out] of Object.entries(t.outputs)) {
          for (let i = 0; i < n; i++) assert.ok(Object.is(w.outputs[name]![i], out[i]), `${id} ${shape.name} n=${n} ${name}[${i}]: ${w.outputs[name]![i]} vs ${out[i]}`);
        }
      }
    }
  }
});

test('the phase allowance: none on a random walk, full scale on a flat series', () => {
  const full: Record<string, number> = { ht_dcphase: 360, ht_sine: 2, ht_trendmode: 1 };
  for (const id of Object.keys(full)) {
    const def = indicators.find((d) => d.id === id)!;
    const walk = shapes[0]!.make(5000, 3);
    const flat = shapes[4]!.make(5000, 3);
    const onWalk = hilbertTolerance(def, { rel: 0 }, { close: walk }, {}, def.outputs[0]!.name).extra!;
    const onFlat = hilbertTolerance(def, { rel: 0 }, { close: flat }, {}, def.outputs[0]!.name).extra!;
    let worst = 0;
    for (let i = 63; i < 5000; i++) worst = Math.max(worst, onWalk(i));
    assert.ok(worst < 1e-6, `${id}: walk allowance up to ${worst}`);
    for (let i = 100; i < 5000; i++) assert.ok(onFlat(i) >= full[id]!, `${id}: flat bar ${i} allowance ${onFlat(i)}`);
  }
});
