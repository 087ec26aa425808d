// float64 arrays to JSON text, byte for byte as JSON.stringify writes them: the shortest decimal that
// reads back as the same double (closest to it when several are as short), by Giulietti's Schubfach
// algorithm (as in the JDK's DoubleToDecimal), laid out by ECMAScript's Number::toString rules
// (plain notation for decimal exponents from -7 to 20, exponent form outside), -0 as 0, and null
// for NaN and the infinities.
import { mulHigh } from './u128.as';

/** Where the table of g1, g0 (10^-k for k = -324 .. 292, section 9.8.3 of the paper) is. */
let tenPowers: usize = 0;
/** Where the 200 bytes "00" "01" .. "99" are. */
let digitPairs: usize = 0;
/** 32 bytes of scratch for one number's digits. */
let scratch: usize = 0;

export function setFormatTables(g: usize, pairs: usize, digitsScratch: usize): void {
  tenPowers = g;
  digitPairs = pairs;
  scratch = digitsScratch;
}

const K_MIN: i32 = -324;
const C_MIN: u64 = <u64>1 << 52;
const Q_MIN: i32 = -1074;
const MASK_63: u64 = 0x7fffffffffffffff;

// @ts-ignore: decorator
@inline
function flog10pow2(q: i32): i32 {
  return <i32>((<i64>q * 661971961083) >> 41);
}

// @ts-ignore: decorator
@inline
function flog10threeQuartersPow2(q: i32): i32 {
  return <i32>((<i64>q * 661971961083 - 274743187321) >> 41);
}

// @ts-ignore: decorator
@inline
function flog2pow10(e: i32): i32 {
  return <i32>((<i64>e * 913124641741) >> 38);
}

/**
 * The paper's rop(g cp) as the JDK computes it (DoubleToDecimal.rop): from y = g1 cp (128 bits) and
 * the high word x1 of g0 cp, z = (y0 >> 1) + x1, and y1 + (z >> 63) with the last bit set when z's
 * low 63 bits are not all zero. (Its truncations matter: with g = floor(10^-k 2^-r) + 1, the exact
 * product would mark exact decimals as inexact.)
 */
// @ts-ignore: decorator
@inline
function rop(y1: u64, y0: u64, x1: u64): u64 {
  const z = (y0 >> 1) + x1;
  return (y1 + (z >> 63)) | <u64>((z & MASK_63) != 0);
}

/** rop(g (cp ± 2^s)) from g1 cp = (yh, yl) and g0 cp = (xh, xl). */
// @ts-ignore: decorator
@inline
function side(yh: u64, yl: u64, xh: u64, xl: u64, g1: u64, g0: u64, s: i32, add: bool): u64 {
  const t = <u64>s;
  // g1 2^s and g0 2^s as two words each (s is 1 to 6 here; 0 would also do).
  const g1l = g1 << t;
  const g1h = t == 0 ? 0 : g1 >> (64 - t);
  const g0l = g0 << t;
  const g0h = t == 0 ? 0 : g0 >> (64 - t);
  let y1: u64, y0: u64, x1: u64;
  if (add) {
    y0 = yl + g1l;
    y1 = yh + g1h + <u64>(y0 < yl);
    const x0 = xl + g0l;
    x1 = xh + g0h + <u64>(x0 < xl);
  } else {
    y0 = yl - g1l;
    y1 = yh - g1h - <u64>(yl < g1l);
    x1 = xh - g0h - <u64>(xl < g0l);
  }
  return rop(y1, y0, x1);
}

// @ts-ignore: decorator
@inline
function div10(s: u64): u64 {
  // V8 compiles an unsigned division by a constant to a native multiply-high (one instruction,
  // where mulHigh takes four multiplications).
  return s / 10;
}

/** v / 10000 for v < 10^8, as a multiplication and a shift (exact in that range). */
// @ts-ignore: decorator
@inline
function div10000(v: u32): u32 {
  return <u32>((<u64>v * 109951163) >> 40);
}

/** v / 100 for v < 10^4, as a multiplication and a shift (exact in that range). */
// @ts-ignore: decorator
@inline
function div100(v: u32): u32 {
  return (v * 5243) >> 19;
}

/** The eight decimal digits of v (v < 10^8, leading zeros written) at `to`: four pairs, two independent halves. */
// @ts-ignore: decorator
@inline
function writeEight(to: usize, v: u32): void {
  const a = div10000(v);
  const b = v - a * 10000;
  const a1 = div100(a);
  const b1 = div100(b);
  store<u16>(to, load<u16>(digitPairs + (<usize>a1 << 1)));
  store<u16>(to, load<u16>(digitPairs + (<usize>(a - a1 * 100) << 1)), 2);
  store<u16>(to, load<u16>(digitPairs + (<usize>b1 << 1)), 4);
  store<u16>(to, load<u16>(digitPairs + (<usize>(b - b1 * 100) << 1)), 6);
}

/**
 * c 2^q's shortest decimal f 10^e as Number::toString lays it out, at `out`; returns the new end.
 * Its digits go to scratch first, trailing zeros dropped, then into place.
 */
// @ts-ignore: decorator
@inline
function writeNumber(out: usize, f: u64, e: i32): usize {
  // The digits are written right-aligned at scratch + 20, then trailing zeros are dropped. Divisions
  // by constants are multiply-highs in V8's code (see div10).
  let end = scratch + 20;
  let p = end;
  let hi: u32;
  if (f >= 100000000) {
    const h = f / 100000000;
    writeEight(p - 8, <u32>(f - h * 100000000));
    p -= 8;
    hi = <u32>h;
  } else {
    hi = <u32>f;
  }
  if (hi >= 100000000 && hi < 1000000000) {
    // 17 digits: the second block of eight and one digit, no loop. (A rounded-up candidate can
    // reach 10^17, 18 digits: the loop below.)
    const top = hi / 100000000;
    writeEight(p - 8, hi - top * 100000000);
    p -= 9;
    store<u8>(p, <u8>(0x30 + top));
  } else if (hi >= 10000000 && hi < 100000000) {
    // 16 digits: the second block of eight, no loop.
    writeEight(p - 8, hi);
    p -= 8;
  } else {
    while (hi >= 100) {
      const r = hi % 100;
      hi /= 100;
      p -= 2;
      store<u16>(p, load<u16>(digitPairs + (<usize>r << 1)));
    }
    if (hi >= 10) {
      p -= 2;
      store<u16>(p, load<u16>(digitPairs + (<usize>hi << 1)));
    } else {
      p -= 1;
      store<u8>(p, <u8>(0x30 + hi));
    }
  }
  while (load<u8>(end - 1) == 0x30) end--;
  return layout(out, p, <i32>(end - p), e + <i32>(scratch + 20 - end));
}

/**
 * Copies up to 24 bytes with three 8-byte moves (a bulk copy is a call in V8): the bytes past the
 * wanted ones are garbage that the next write overwrites, so `to` needs 24 bytes of room.
 */
// @ts-ignore: decorator
@inline
function copySmall(to: usize, from: usize): void {
  store<u64>(to, load<u64>(from));
  store<u64>(to, load<u64>(from, 8), 8);
  store<u64>(to, load<u64>(from, 16), 16);
}

/**
 * Lays out the k digits at `digits`, the last of them of decimal exponent `lastExponent`, as
 * Number::toString does; returns the new end of `out`.
 */
// @ts-ignore: decorator
@inline
function layout(out: usize, digits: usize, k: i32, lastExponent: i32): usize {
  const n = k + lastExponent;
  if (k <= n && n <= 21) {
    copySmall(out, digits);
    out += k;
    for (let i = k; i < n; i++) store<u8>(out++, 0x30);
    return out;
  }
  if (0 < n && n <= 21) {
    copySmall(out, digits);
    store<u8>(out + n, 0x2e);
    copySmall(out + n + 1, digits + n);
    return out + k + 1;
  }
  if (-6 < n && n <= 0) {
    store<u16>(out, 0x2e30); // "0."
    out += 2;
    for (let i = n; i < 0; i++) store<u8>(out++, 0x30);
    copySmall(out, digits);
    return out + k;
  }
  store<u8>(out++, load<u8>(digits));
  if (k > 1) {
    store<u8>(out++, 0x2e);
    copySmall(out, digits + 1);
    out += k - 1;
  }
  store<u8>(out++, 0x65);
  let exponent = n - 1;
  store<u8>(out++, exponent < 0 ? 0x2d : 0x2b);
  if (exponent < 0) exponent = -exponent;
  if (exponent >= 100) {
    store<u8>(out++, <u8>(0x30 + exponent / 100));
    exponent %= 100;
    store<u16>(out, load<u16>(digitPairs + (<usize>exponent << 1)));
    return out + 2;
  }
  if (exponent >= 10) {
    store<u16>(out, load<u16>(digitPairs + (<usize>exponent << 1)));
    return out + 2;
  }
  store<u8>(out, <u8>(0x30 + exponent));
  return out + 1;
}

/** Whether c 2^q's rounding interval is as wide below it as above (all but the powers of two). */
// @ts-ignore: decorator
@inline
function symmetric(q: i32, c: u64): bool {
  return c != C_MIN || q == Q_MIN;
}

/** The decimal exponent k of shortest's answer for c 2^q. */
// @ts-ignore: decorator
@inline
function decimalExponent(q: i32, c: u64): i32 {
  return symmetric(q, c) ? flog10pow2(q) : flog10threeQuartersPow2(q);
}

/**
 * The significand of c 2^q's shortest decimal, whose exponent is k = decimalExponent(q, c) (section
 * 9 of the paper). Inlined, as are writeNumber and layout, into the one loop, with every
 * intermediate in locals (as calls, about 15% more time per value: bench:numbers).
 */
// @ts-ignore: decorator
@inline
function shortest(q: i32, c: u64, k: i32): u64 {
  const odd = c & 1;
  const cb = c << 2;
  const h = q + flog2pow10(-k) + 2;
  const at = tenPowers + (<usize>(k - K_MIN) << 4);
  const g1 = load<u64>(at);
  const g0 = load<u64>(at, 8);
  // vb, vbr, vbl from two 128-bit multiplications instead of the JDK's six: cbl 2^h and cbr 2^h
  // differ from cb 2^h by d 2^h (d = 1 or 2), so g1 cbl 2^h = g1 cb 2^h - g1 d 2^h exactly, and
  // likewise for g0, whose high word is then taken after the exact 128-bit subtraction or addition.
  const cp = cb << h;
  const yh = mulHigh(g1, cp);
  const yl = g1 * cp;
  const xh = mulHigh(g0, cp);
  const xl = g0 * cp;
  const vb = rop(yh, yl, xh);
  const vbr = side(yh, yl, xh, xl, g1, g0, h + 1, true);
  const vbl = side(yh, yl, xh, xl, g1, g0, symmetric(q, c) ? h + 1 : h, false);
  const s = vb >> 2;
  // One digit fewer, when one of its neighbours is in the interval. (The JDK tries this only from
  // s >= 100, since Java writes two digits at least; JavaScript writes 9e-323.)
  if (s >= 10) {
    const sp10 = div10(s) * 10;
    const tp10 = sp10 + 10;
    const upin = vbl + odd <= sp10 << 2;
    const wpin = (tp10 << 2) + odd <= vbr;
    if (upin != wpin) return upin ? sp10 : tp10;
  }
  const t = s + 1;
  const uin = vbl + odd <= s << 2;
  const win = (t << 2) + odd <= vbr;
  if (uin != win) return uin ? s : t;
  const cmp = <i64>vb - <i64>((s + t) << 1);
  return cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : t;
}

/** One double as JSON.stringify writes it; returns the new end of `out`. */
// @ts-ignore: decorator
@inline
function formatOne(out: usize, v: f64): usize {
  const bits = reinterpret<u64>(v);
  const bq = <i32>((bits >> 52) & 0x7ff);
  if (bq == 0x7ff) {
    store<u32>(out, 0x6c6c756e); // "null"
    return out + 4;
  }
  const t = bits & (C_MIN - 1);
  if (bq == 0 && t == 0) {
    store<u8>(out, 0x30);
    return out + 1;
  }
  if (bits >> 63) store<u8>(out++, 0x2d);
  let f: u64;
  let e: i32 = 0;
  if (bq != 0) {
    const mq = 1075 - bq;
    const c = C_MIN | t;
    // An integer below 2^53 is its own shortest decimal.
    f = c >> <u64>mq;
    if (mq <= 0 || mq >= 53 || f << <u64>mq != c) {
      e = decimalExponent(-mq, c);
      f = shortest(-mq, c, e);
    }
  } else {
    // Subnormal. (The JDK writes the smallest ones as 10t 2^q, for Java's two-digit minimum;
    // JavaScript writes 5e-324.)
    e = decimalExponent(Q_MIN, t);
    f = shortest(Q_MIN, t, e);
  }
  return writeNumber(out, f, e);
}

/** `v0,v1,…` for the n doubles at `values` (n > 0), written at `out`; returns the end. */
export function formatValues(values: usize, n: u32, out: usize): usize {
  out = formatOne(out, load<f64>(values));
  for (let i: u32 = 1; i < n; i++) {
    store<u8>(out++, 0x2c);
    out = formatOne(out, load<f64>(values + (<usize>i << 3)));
  }
  return out;
}
