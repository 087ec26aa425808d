// atanRounded (LINEARREG_ANGLE's reference arctangent) is correctly rounded: checked against values
// computed with 200-bit arithmetic (mpmath), among them arguments where glibc's atan and V8's
// Math.atan are each one ulp off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { atanRounded } from '../src/reference/atan.ts';

/** [m, atan(m) rounded to the nearest double], from mpmath.atan at 200 bits. */
const CASES: readonly (readonly [number, number])[] = [
  [0.3629954537395619, 0.3482048279970582],
  [-0.12380961984757233, -0.12318275672940135],
  [-0.16185962618538097, -0.16046794237690493],
  [-0.1785136603818146, -0.17665287249354733],
  [1.4897227144518088, 0.9796164210852868],
  [0.7374101693382116, 0.6353948063139413],
  [1.450721935564376, 0.9672796096898347],
  [1.7711613933941797, 1.056812070824827],
  [2.654701702662302, 1.2105446994329223],
  [1.4393914484395847, 0.9636106131954877],
  [2.533949979992502, 1.1949184863355604],
  [1e-09, 1e-09],
  [-2.5e-05, -2.4999999994791667e-05],
  [123.456, 1.5626964520979927],
  [-98765.4321, -1.570786201794897],
  [1.0, 0.7853981633974483],
  [0.5, 0.4636476090008061],
];

test('atanRounded returns the correctly rounded arctangent', () => {
  for (const [m, expected] of CASES) assert.equal(atanRounded(m), expected, `atan(${m})`);
});

test('atanRounded is odd, keeps zero and the infinities, and stays within an ulp of Math.atan', () => {
  for (const m of [0.3, 1.7, 42, 1e-300]) assert.equal(atanRounded(-m), -atanRounded(m));
  assert.ok(Object.is(atanRounded(0), 0) && Object.is(atanRounded(-0), -0));
  assert.equal(atanRounded(Infinity), Math.PI / 2);
  for (let i = 0; i < 10_000; i++) {
    const m = Math.tan((i / 10_000 - 0.5) * 3.1);
    const a = atanRounded(m);
    assert.ok(Math.abs(a - Math.atan(m)) <= Number.EPSILON * Math.abs(a), `atan(${m})`);
  }
});
