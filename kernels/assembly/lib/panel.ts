// Lane helpers for panel kernels: lane 0 holds series s, lane 1 series s + 1 (series are n apart).

// @ts-ignore: decorator
@inline export function load2(p0: usize, p1: usize, t: i32): v128 {
  const off = <usize>t << 3;
  return v128.load64_lane(p1 + off, v128.load64_zero(p0 + off), 1);
}

// @ts-ignore: decorator
@inline export function store2(p0: usize, p1: usize, t: i32, v: v128): void {
  const off = <usize>t << 3;
  v128.store64_lane(p0 + off, v, 0);
  v128.store64_lane(p1 + off, v, 1);
}

/** Left-to-right sums of p0[from..to) and p1[from..to) in the two lanes. */
export function sumRange2(p0: usize, p1: usize, from: i32, to: i32): v128 {
  let s = f64x2.splat(0);
  for (let t = from; t < to; t++) s = f64x2.add(s, load2(p0, p1, t));
  return s;
}
