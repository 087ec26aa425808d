// Computing on a suffix gives the tail of the full computation: finite windows (SMA, BBANDS) at once
// (to rounding: their running sums restart at different bars), recursive ones after their warm-up;
// cumulative ones (startDependence 'offset') up to a constant, path-dependent ones once the paths meet.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compute, indicators } from '../src/index.ts';
import { assertClose, magnitude, type Tolerance } from './helpers/compare.ts';
import { defaults } from './helpers/params.ts';
import { ohlcv, rng, shapes } from './helpers/series.ts';
import { toleranceFor } from './helpers/tolerances.ts';

const FINITE_WINDOW: Tolerance = { rel: 1e-12, inputRel: 1e-13 };
const AFTER_WARMUP: Tolerance = { rel: 1e-9, inputRel: 1e-12 };
/**
 * Bars within which two SAR runs meet on these price-like series (they reverse every few dozen bars;
 * measured over 800 random suffixes of the four shapes: median 18 bars, at most 161).
 */
const PATHS_MEET_WITHIN = 1_000;

/**
 * Cumulative indicators: the suffix's outputs are the tail's minus one constant, so their differences
 * from the first compared output agree. Each running-total step rounds by at most one ulp of the
 * largest total in each run (two roundings in the SIMD kernels' pair sums): 2 * steps * eps * max.
 */
function assertSameDifferences(actual: Float64Array, expected: Float64Array, label: string): void {
  const big = Math.max(magnitude(actual), magnitude(expected));
  for (let i = 1; i < expected.length; i++) {
    const de = expected[i]! - expected[0]!;
    const da = actual[i]! - actual[0]!;
    const allowed = 2 * (i + 2) * 2 ** -52 * big;
    assert.ok(Math.abs(da - de) <= allowed, `${label}: index ${i}: difference ${da} vs ${de} (allowed ${allowed})`);
  }
}

/**
 * Candlestick patterns: equal outputs except at bars with a zero real body (open == close), where a
 * comparison with an average of zero bodies is decided by the running total's rounding residue,
 * which depends on where the series started (TA-Lib never re-sums those totals).
 */
function assertSameExceptZeroBodies(actual: Float64Array, expected: Float64Array, open: Float64Array, close: Float64Array, label: string): void {
  for (let i = 0; i < expected.length; i++) {
    if (Object.is(actual[i], expected[i]) || open[i] === close[i]) continue;
    assert.fail(`${label}: index ${i}: expected ${expected[i]}, got ${actual[i]} at a bar with a real body`);
  }
}

/** Path-dependent indicators: once the suffix run reaches the full run's state, every output agrees exactly. */
function assertPathsMeet(actual: Float64Array, expected: Float64Array, label: string): void {
  let meet = expected.length;
  while (meet > 0 && Object.is(actual[meet - 1], expected[meet - 1])) meet--;
  assert.ok(meet <= PATHS_MEET_WITHIN, `${label}: the runs still differ ${meet} bars into the suffix`);
}

/**
 * Indicators whose outputs are bar indexes into the input: a suffix starting k bars later gives
 * indexes k smaller. Right after its start it rescanned its window, so a tie can resolve to another bar
 * of equal value (startDependence 'path') until the two runs point at the same bar.
 */
const INDEX_OUTPUTS = new Set(['maxindex', 'minindex', 'minmaxindex']);

for (const def of indicators) {
  describe(`${def.id}: sub-range`, () => {
    for (const kernel of ['typescript', 'wasm-simd'] as const) {
      test(`${kernel}: suffixes agree with the tail of the full series`, () => {
        const r = rng(42);
        const params = defaults(def);
        const lookback = def.lookback(params);
        const warmup = def.warmup?.(params) ?? 0;
        const n = 6_000;
        for (const shape of shapes.slice(0, 4)) {
          const all = ohlcv(shape.make(n, 8), 8);
          const inputs = Object.fromEntries(def.inputs.map((name) => [name, all[name]]));
          const full = compute(def.id, inputs, params, { kernel });
          for (let trial = 0; trial < 4; trial++) {
            const k = 1 + Math.floor(r() * (n - lookback - warmup - 200));
            const suffixInputs = Object.fromEntries(def.inputs.map((name) => [name, all[name].subarray(k)]));
            const part = compute(def.id, suffixInputs, params, { kernel });
            const from = lookback + warmup; // first suffix index compared
            assert.ok(from < n - k, 'the suffix is long enough to compare');
            for (const o of def.outputs) {
              const expected = full.outputs[o.name]!.subarray(k + from);
              const actual = part.outputs[o.name]!.subarray(from);
              const label = `${shape.name} suffix at ${k} ${o.name}`;
              if (def.startDependence === 'offset') {
                assertSameDifferences(actual, expected, label);
                continue;
              }
              if (INDEX_OUTPUTS.has(def.id)) {
                assertPathsMeet(actual.map((v) => v + k), expected, label);
                continue;
              }
              if (def.startDependence === 'path') {
                assertPathsMeet(actual, expected, label);
                continue;
              }
              if (def.startDependence === 'rounding') {
                assertSameExceptZeroBodies(actual, expected, all.open.subarray(k + from), all.close.subarray(k + from), label);
                continue;
              }
              const base = def.warmup ? AFTER_WARMUP : FINITE_WINDOW;
              const tol = toleranceFor(def, base, suffixInputs, params, o.name);
              const shift: Tolerance = tol.extra ? { ...tol, extra: (i) => tol.extra!(i + from) } : tol;
              assertClose(actual, expected, shift, label, magnitude(inputs[def.inputs[0]!]!));
            }
          }
        }
      });
    }
  });
}
