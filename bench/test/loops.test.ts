// The benchmark's plain-loop baselines compute what compute() computes (to 1e-9 of the output's
// scale), at the benchmark's parameters and at short lengths, so the loop figures compare like with like.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compute, getIndicator } from '@chitti/kernels';
import { baselines, runFresh } from '../baselines/index.ts';
import { priceBars } from '../lib/bars.ts';
import { benchParams } from '../lib/params.ts';

describe('plain-loop baselines', () => {
  for (const [id, baseline] of Object.entries(baselines)) {
    it(`${id} equals compute()`, () => {
      const def = getIndicator(id);
      const params = benchParams(def);
      for (const n of [0, 1, 5, 40, 2000]) {
        const bars = priceBars(n, 3);
        const inputs = Object.fromEntries(def.inputs.map((name) => [name, bars[name]]));
        const ours = compute(id, inputs, params);
        const loop = runFresh(baseline, inputs, n, params);
        def.outputs.forEach((o, k) => {
          const a = ours.outputs[o.name]!;
          const b = loop[k]!;
          const scale = Math.max(1, ...a.filter(Number.isFinite).map(Math.abs));
          for (let i = 0; i < n; i++) {
            if (Number.isNaN(a[i]!)) assert.ok(Number.isNaN(b[i]!), `${id}.${o.name}[${i}] n=${n}: loop ${b[i]}, ours NaN`);
            else assert.ok(Math.abs(a[i]! - b[i]!) <= 1e-9 * scale, `${id}.${o.name}[${i}] n=${n}: loop ${b[i]}, ours ${a[i]}`);
          }
        });
      }
    });
  }
});
