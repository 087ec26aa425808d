// 64 x 64 -> 128-bit unsigned multiplication (WebAssembly has no multiply-high instruction).

/** The low 64 bits of the last `mul128`. */
export let low: u64 = 0;

/** The high 64 bits of a * b; the low 64 bits are left in `low`. */
// @ts-ignore: decorator
@inline
export function mul128(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff;
  const a1 = a >> 32;
  const b0 = b & 0xffffffff;
  const b1 = b >> 32;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  low = (mid << 32) | (p00 & 0xffffffff);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}
