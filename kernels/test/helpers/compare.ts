import assert from 'node:assert/strict';

export interface Tolerance {
  /** Relative tolerance against max(|expected|, the output's median magnitude). */
  rel: number;
  /** Absolute floor, as a fraction of the input's magnitude (values crossing zero, e.g. MACD). */
  inputRel?: number;
  /** Extra allowance per element (e.g. a cancellation bound), added to the above. */
  extra?: (i: number) => number;
}

export const EXACT: Tolerance = { rel: 0 };

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function magnitude(x: Float64Array): number {
  let m = 0;
  for (const v of x) if (Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/**
 * Asserts `actual` equals `expected` element by element: NaN exactly where expected is NaN, and
 * numbers within the tolerance. The message names the first offending index.
 */
export function assertClose(actual: Float64Array, expected: Float64Array, tol: Tolerance, label: string, inputMagnitude = 0): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  const scale = median(Array.from(expected).filter((v) => !Number.isNaN(v)).map(Math.abs));
  const floor = (tol.inputRel ?? 0) * inputMagnitude;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (Number.isNaN(e) !== Number.isNaN(a)) assert.fail(`${label}: index ${i}: expected ${e}, got ${a}`);
      continue;
    }
    if (a === e) continue;
    const allowed = tol.rel * Math.max(Math.abs(e), scale) + floor + (tol.extra?.(i) ?? 0);
    if (!(Math.abs(a - e) <= allowed)) {
      assert.fail(`${label}: index ${i}: expected ${e}, got ${a} (diff ${Math.abs(a - e)}, allowed ${allowed})`);
    }
  }
}
