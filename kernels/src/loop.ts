import type { Params } from './types.ts';

/**
 * A hand-written TypeScript loop that compute() runs on Float64Array inputs directly, where copying
 * them into WebAssembly memory and the outputs back costs more than SIMD saves (the WebAssembly kernel
 * still serves Workspace and panels). Two kinds:
 * - a serial chain with a division per bar (Wilder's smoothing in TA-Lib's statement order: RSI, ATR,
 *   NATR): it runs at the latency of its multiply, add and divide whatever executes it, and SIMD cannot
 *   widen one series. (The DI/ADX family also divides per bar, but several times: its WebAssembly
 *   kernels pair those divisions in SIMD lanes and run faster than a loop, measured.)
 * - memory-bound: a few operations per bar on several inputs (the price transforms, BOP), where the
 *   copies in and out are most of the WebAssembly path's time. ROCP, a division per bar on one input,
 *   stays in WebAssembly: two divisions per SIMD instruction beat the copy (measured). So does AD: its
 *   WebAssembly kernel adds bars in pairs, so a loop in TA-Lib's order would make compute() on
 *   Float64Array inputs differ in the last bits from number[] inputs and the service's other paths.
 *   A loop at every length is only for an indicator whose WebAssembly kernel is bit-exact.
 *
 * Writes every element of every output, with the reference's operations in the reference's order (so
 * it is bit-exact with it), and checks every input value on the way, off the chain: returns false if
 * any value of any input is NaN or infinite (the outputs are then unspecified). A loop may check what
 * it computes from the inputs instead (a sum is not finite if any addend is not); it then also returns
 * false where finite inputs overflow, and compute() takes another path after finding them finite.
 */
export type LoopKernel = (inputs: readonly Float64Array[], outputs: Float64Array[], params: Params) => boolean;

/**
 * Whether every value of `x[from..to)` is finite: x - x is 0 exactly for finite x and NaN otherwise,
 * summed in four independent chains and compared once (0.7 ns a value, against 1.8 for a compare and
 * branch per value, measured).
 */
export function finiteRange(x: Float64Array, from: number, to: number): boolean {
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let i = from;
  for (; i + 3 < to; i += 4) {
    const a = x[i]!, b = x[i + 1]!, c = x[i + 2]!, d = x[i + 3]!;
    c0 += a - a;
    c1 += b - b;
    c2 += c - c;
    c3 += d - d;
  }
  for (; i < to; i++) c0 += x[i]! - x[i]!;
  return c0 + c1 + c2 + c3 === 0;
}

/** NaN into out[0 .. min(count, out.length)). */
export function fillNaN(out: Float64Array, count: number): void {
  out.fill(NaN, 0, Math.min(count, out.length));
}

/**
 * How many bars past the lookback compute() runs the chained-EMA loops (DEMA, TEMA, TRIX) on. The
 * loop runs TA-Lib's serial operations throughout (bit-exact); the WebAssembly kernel advances its
 * EMAs four bars per step, its seeding included, saving a few cycles a bar, while copying in and out
 * and the call cost it several hundred cycles. At lookback + 128 (TEMA of period 30: 215 bars, series
 * in turn) the loop was still as fast or ahead: 3.2 against 3.8 ns a bar, and within noise of it in a
 * second run.
 */
export const EMA_LOOP_MAX_OUTPUTS = 128;
