// Helpers shared by the kernels. Pointers are byte addresses of f64 arrays; `i` indexes elements.

export const RESUM_MIN: i32 = 1024;
export const TA_EPSILON: f64 = 1e-14;

// @ts-ignore: decorator
@inline export function at(ptr: usize, i: i32): usize {
  return ptr + (<usize>i << 3);
}

// @ts-ignore: decorator
@inline export function ld(ptr: usize, i: i32): f64 {
  return load<f64>(ptr + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline export function st(ptr: usize, i: i32, v: f64): void {
  store<f64>(ptr + (<usize>i << 3), v);
}

export function resumInterval(period: i32): i32 {
  return period > RESUM_MIN ? period : RESUM_MIN;
}

/** NaN into out[0 .. min(count, n)). */
export function fillNaN(out: usize, count: i32, n: i32): void {
  const end = count < n ? count : n;
  const nan = f64x2.splat(NaN);
  let i = 0;
  for (; i + 1 < end; i += 2) v128.store(at(out, i), nan);
  for (; i < end; i++) st(out, i, NaN);
}

/** Left-to-right sum of x[from .. to), the order TA-Lib uses for its first window. */
export function sumRange(x: usize, from: i32, to: i32): f64 {
  let s: f64 = 0;
  for (let i = from; i < to; i++) s += ld(x, i);
  return s;
}

export function sumSquaresRange(x: usize, from: i32, to: i32): f64 {
  let s: f64 = 0;
  for (let i = from; i < to; i++) {
    const v = ld(x, i);
    s += v * v;
  }
  return s;
}

export function emaK(period: i32): f64 {
  return 2.0 / <f64>(period + 1);
}

// @ts-ignore: decorator
@inline export function broadcastHigh(v: v128): v128 {
  return v128.shuffle<f64>(v, v, 1, 1);
}

/** [a0, a1] -> [a0, a0 + a1]: prefix sum within a pair. */
// @ts-ignore: decorator
@inline export function pairPrefix(v: v128): v128 {
  return f64x2.add(v, v128.shuffle<f64>(f64x2.splat(0), v, 0, 2));
}
