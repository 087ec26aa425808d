/**
 * The tables of the WebAssembly number module, computed exactly with BigInt when it is loaded
 * (about a millisecond) rather than shipped as 20 KB of literals:
 * - powers of five for Eisel-Lemire parsing, as fast_float's table_generation.py makes them: for
 *   q = -342 .. 308, 5^q normalised to 128 bits (truncated for q >= 0; for q < 0, 2^b / 5^-q + 1,
 *   truncated), high word then low word;
 * - g = floor(10^-k / 2^r) + 1 with 2^125 <= 10^-k / 2^r < 2^126 for Schubfach formatting, for
 *   k = -324 .. 292, as g1 = g >> 63 and g0 = g mod 2^63 (the paper's section 9.8.3; the JDK's
 *   MathUtils.g);
 * - the 200 ASCII bytes "00" .. "99".
 */
const U64 = (1n << 64n) - 1n;
const U63 = (1n << 63n) - 1n;

export const POWERS_OF_FIVE_MIN = -342;
export const POWERS_OF_FIVE_MAX = 308;
export const TEN_POWERS_K_MIN = -324;
export const TEN_POWERS_K_MAX = 292;

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** 128-bit words (high, low) per power of five, q from -342 to 308. */
export function powersOfFive(): BigUint64Array {
  const out = new BigUint64Array(2 * (POWERS_OF_FIVE_MAX - POWERS_OF_FIVE_MIN + 1));
  for (let q = POWERS_OF_FIVE_MIN; q <= POWERS_OF_FIVE_MAX; q++) {
    let c: bigint;
    if (q < 0) {
      const power5 = 5n ** BigInt(-q);
      // The least z with 2^z >= 5^-q (5^-q is no power of two).
      const z = bitLength(power5);
      const b = q >= -27 ? z + 127 : 2 * z + 128;
      c = (1n << BigInt(b)) / power5 + 1n;
      while (c >= 1n << 128n) c >>= 1n;
    } else {
      c = 5n ** BigInt(q);
      while (c < 1n << 127n) c <<= 1n;
      while (c >= 1n << 128n) c >>= 1n;
    }
    const i = 2 * (q - POWERS_OF_FIVE_MIN);
    out[i] = c >> 64n;
    out[i + 1] = c & U64;
  }
  return out;
}

/** (g1, g0) per k from -324 to 292: g approximates 10^-k from above with 126 bits. */
export function tenPowers(): BigUint64Array {
  const out = new BigUint64Array(2 * (TEN_POWERS_K_MAX - TEN_POWERS_K_MIN + 1));
  for (let k = TEN_POWERS_K_MIN; k <= TEN_POWERS_K_MAX; k++) {
    const e = -k;
    let floor: bigint;
    if (e >= 0) {
      const p = 10n ** BigInt(e);
      const r = bitLength(p) - 126;
      floor = r >= 0 ? p >> BigInt(r) : p << BigInt(-r);
    } else {
      const p = 10n ** BigInt(-e);
      // 2^s / p lies in [2^125, 2^126) for s = 125 + bitLength(p), since p is no power of two.
      floor = (1n << BigInt(125 + bitLength(p))) / p;
    }
    const g = floor + 1n;
    const i = 2 * (k - TEN_POWERS_K_MIN);
    out[i] = g >> 63n;
    out[i + 1] = g & U63;
  }
  return out;
}

export function digitPairs(): Uint8Array {
  const out = new Uint8Array(200);
  for (let i = 0; i < 100; i++) {
    out[2 * i] = 48 + Math.floor(i / 10);
    out[2 * i + 1] = 48 + (i % 10);
  }
  return out;
}
