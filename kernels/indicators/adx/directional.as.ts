// Per-bar directional movement and true range as TA-Lib computes them, two bars at a time or one.
// Shared by the PLUS_DI, MINUS_DI and ADX kernels; not exported from the module.
import { at, ld, TA_EPSILON } from '../../assembly/lib/common';

/** Up moves high[i] - high[i-1] of bars i and i + 1. */
// @ts-ignore: decorator
@inline export function upMove2(high: usize, i: i32): v128 {
  return f64x2.sub(v128.load(at(high, i)), v128.load(at(high, i - 1)));
}

/** Down moves low[i-1] - low[i] of bars i and i + 1. */
// @ts-ignore: decorator
@inline export function downMove2(low: usize, i: i32): v128 {
  return f64x2.sub(v128.load(at(low, i - 1)), v128.load(at(low, i)));
}

/** +DM1: the up move where it is positive and strictly larger than the down move, else 0. */
// @ts-ignore: decorator
@inline export function plusDm2(up: v128, down: v128): v128 {
  return v128.and(v128.and(f64x2.gt(up, f64x2.splat(0)), f64x2.gt(up, down)), up);
}

/** -DM1: the down move where it is positive and strictly larger than the up move, else 0. */
// @ts-ignore: decorator
@inline export function minusDm2(up: v128, down: v128): v128 {
  return v128.and(v128.and(f64x2.gt(down, f64x2.splat(0)), f64x2.lt(up, down)), down);
}

/** True range of bars i and i + 1 (finite inputs: max equals TA-Lib's compare-and-replace). */
// @ts-ignore: decorator
@inline export function trueRange2(high: usize, low: usize, close: usize, i: i32): v128 {
  const h = v128.load(at(high, i)), l = v128.load(at(low, i)), pc = v128.load(at(close, i - 1));
  return f64x2.max(f64x2.max(f64x2.sub(h, l), f64x2.abs(f64x2.sub(h, pc))), f64x2.abs(f64x2.sub(l, pc)));
}

// @ts-ignore: decorator
@inline export function trueRange1(high: usize, low: usize, close: usize, i: i32): f64 {
  const h = ld(high, i), l = ld(low, i), pc = ld(close, i - 1);
  let out = h - l;
  let t = Math.abs(h - pc);
  if (t > out) out = t;
  t = Math.abs(l - pc);
  if (t > out) out = t;
  return out;
}

// @ts-ignore: decorator
@inline export function plusDm1(high: usize, low: usize, i: i32): f64 {
  const up = ld(high, i) - ld(high, i - 1), down = ld(low, i - 1) - ld(low, i);
  return up > 0 && up > down ? up : 0;
}

// @ts-ignore: decorator
@inline export function minusDm1(high: usize, low: usize, i: i32): f64 {
  const up = ld(high, i) - ld(high, i - 1), down = ld(low, i - 1) - ld(low, i);
  return down > 0 && up < down ? down : 0;
}

// @ts-ignore: decorator
@inline export function isZero(v: f64): bool {
  return -TA_EPSILON < v && v < TA_EPSILON;
}
