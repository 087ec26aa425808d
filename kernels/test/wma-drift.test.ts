// WMA's weighted running sum integrates the plain sum's rounding error; the re-sums must keep a long
// series within 1e-12 relative of directly computed weighted sums (TA-Lib, never re-summing, is not).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compute } from '../src/index.ts';
import { shapes } from './helpers/series.ts';

test('a 1e6-bar WMA stays within 1e-12 relative of direct weighted sums (no drift)', () => {
  const n = 1_000_000;
  const x = shapes[1]!.make(n, 77); // a walk whose level wanders over orders of magnitude, with gaps and spikes
  for (const period of [2, 7, 50]) {
    const divider = (period * (period + 1)) / 2;
    for (const kernel of ['wasm-simd', 'typescript'] as const) {
      const out = compute('wma', { close: x }, { period }, { kernel }).outputs.wma!;
      let worst = 0;
      for (let i = period - 1; i < n; i += 7) {
        let sum = 0;
        for (let j = 0; j < period; j++) sum += x[i - period + 1 + j]! * (j + 1);
        const exact = sum / divider;
        worst = Math.max(worst, Math.abs(out[i]! - exact) / Math.abs(exact));
      }
      assert.ok(worst <= 1e-12, `period ${period} ${kernel}: worst relative error ${worst}`);
    }
  }
});
