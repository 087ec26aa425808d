// JSON number arrays from bytes to float64, correctly rounded: Clinger's fast path, then the
// Eisel-Lemire algorithm (as in fast_float). A number it cannot decide (more than 19 significant
// digits, or the rare product too close to a rounding boundary) is handed back to the caller as SLOW,
// with its place, for an exact parser. Anything that is not a JSON number array, and numbers out of
// the float64 range, are BAD: the caller then leaves the whole body to the generic parser.
import { low, mul128 } from './u128.as';

export const DONE = 0;
export const SLOW = 1;
export const BAD = 2;
/** The output area is full (`capacity` values): the caller takes them and resumes at `position`. */
export const FULL = 3;

/** Where the table of 128-bit powers of five (5^-342 .. 5^308, high then low word) is. */
let powersOfFive: usize = 0;
/** After parseArray: the position after the array (DONE) or after the SLOW number. */
export let position: u32 = 0;
/** After parseArray: values stored so far. */
export let count: u32 = 0;
/** After a SLOW answer: where the number's text starts. */
export let slowStart: u32 = 0;

export function setPowersOfFive(at: usize): void {
  powersOfFive = at;
}

const EXACT_POWERS_OF_TEN: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

// @ts-ignore: decorator
@inline
function isSpace(c: u32): bool {
  return c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09;
}

// @ts-ignore: decorator
@inline
function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/** Status of the last parseNumber. */
let numberStatus: i32 = DONE;

/**
 * w * 10^q as the nearest float64 (round half to even), for w < 10^19, w != 0. Sets numberStatus to
 * SLOW when undecided and BAD when the result is infinite.
 */
function eiselLemire(w: u64, q: i32): f64 {
  if (q < -342) return 0;
  if (q > 308) {
    numberStatus = BAD;
    return 0;
  }
  const lz = <i32>clz(w);
  w <<= lz;
  const at = powersOfFive + (<usize>(q + 342) << 4);
  let high = mul128(w, load<u64>(at));
  let lo = low;
  if ((high & 0x1ff) == 0x1ff) {
    const secondHigh = mul128(w, load<u64>(at, 8));
    const sum = lo + secondHigh;
    if (secondHigh > sum) high++;
    lo = sum;
    // Mushtak and Lemire prove this product always suffices; the original, more cautious test stays
    // as a guard, sending the (very rare) candidates to the exact parser.
    if (lo == 0xffffffffffffffff && (q < -27 || q > 55)) {
      numberStatus = SLOW;
      return 0;
    }
  }
  const upper = <i32>(high >> 63);
  const shift = upper + 9;
  let mantissa = high >> shift;
  let power2 = (((152170 + 65536) * q) >> 16) + 63 + upper - lz + 1023;
  if (power2 <= 0) {
    if (-power2 + 1 >= 64) return 0;
    mantissa >>= <u64>(-power2 + 1);
    mantissa += mantissa & 1;
    mantissa >>= 1;
    power2 = mantissa < (<u64>1 << 52) ? 0 : 1;
    return reinterpret<f64>(mantissa | (<u64>power2 << 52));
  }
  if (lo <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && mantissa << shift == high) mantissa &= ~(<u64>1);
  mantissa += mantissa & 1;
  mantissa >>= 1;
  if (mantissa >= <u64>2 << 52) {
    mantissa = <u64>1 << 52;
    power2++;
  }
  mantissa &= ~(<u64>1 << 52);
  if (power2 >= 0x7ff) {
    numberStatus = BAD;
    return 0;
  }
  return reinterpret<f64>(mantissa | (<u64>power2 << 52));
}

/**
 * The JSON number at `position` (strict grammar: no leading zeros, no '+', digits on both sides of
 * the point). Advances `position` past it; sets numberStatus.
 */
function parseNumber(end: u32): f64 {
  let p = position;
  numberStatus = DONE;
  if (p >= end) {
    numberStatus = BAD;
    return 0;
  }
  let c = <u32>load<u8>(p);
  const negative = c == 0x2d;
  if (negative) {
    if (++p >= end) {
      numberStatus = BAD;
      return 0;
    }
    c = <u32>load<u8>(p);
  }
  let w: u64 = 0;
  // Significant digits (from the first non-zero one) and the decimal exponent of w's last digit.
  let digits: i32 = 0;
  let q: i32 = 0;
  if (c == 0x30) {
    p++;
  } else if (isDigit(c)) {
    do {
      if (digits < 19) w = w * 10 + <u64>(c - 0x30);
      else q++;
      digits++;
      if (++p >= end) break;
      c = <u32>load<u8>(p);
    } while (isDigit(c));
  } else {
    numberStatus = BAD;
    return 0;
  }
  if (p < end && load<u8>(p) == 0x2e) {
    if (++p >= end || !isDigit(<u32>load<u8>(p))) {
      numberStatus = BAD;
      return 0;
    }
    do {
      c = <u32>load<u8>(p);
      if (digits < 19) {
        w = w * 10 + <u64>(c - 0x30);
        q--;
      }
      if (digits > 0 || c != 0x30) digits++;
      if (++p >= end) break;
    } while (isDigit(<u32>load<u8>(p)));
  }
  if (p < end && (load<u8>(p) | 0x20) == 0x65) {
    if (++p >= end) {
      numberStatus = BAD;
      return 0;
    }
    c = <u32>load<u8>(p);
    const negativeExponent = c == 0x2d;
    if (c == 0x2d || c == 0x2b) {
      if (++p >= end) {
        numberStatus = BAD;
        return 0;
      }
      c = <u32>load<u8>(p);
    }
    if (!isDigit(c)) {
      numberStatus = BAD;
      return 0;
    }
    let exponent: i32 = 0;
    do {
      // Saturates: 10^±100000 is far outside float64 either way.
      if (exponent < 100000) exponent = exponent * 10 + <i32>(c - 0x30);
      if (++p >= end) break;
      c = <u32>load<u8>(p);
    } while (isDigit(c));
    q += negativeExponent ? -exponent : exponent;
  }
  position = p;
  if (digits > 19) {
    numberStatus = SLOW;
    return 0;
  }
  let value: f64;
  if (w == 0) value = 0;
  else if (q >= -22 && q <= 22 && w <= <u64>1 << 53) value = q >= 0 ? <f64>w * unchecked(EXACT_POWERS_OF_TEN[q]) : <f64>w / unchecked(EXACT_POWERS_OF_TEN[-q]);
  else value = eiselLemire(w, q);
  return negative ? -value : value;
}

/**
 * Parses array elements from `from` up to and including the closing ']' into float64s at `out`
 * (`out + 8 * done` onwards, at most `capacity` in all). `afterValue`: `from` is just after an
 * element (the caller's SLOW number), so a ',' or ']' comes first. Returns DONE, SLOW (see slowStart,
 * position, count), FULL (resume at position with the next element) or BAD.
 */
export function parseArray(from: u32, end: u32, out: usize, done: u32, afterValue: bool, capacity: u32): i32 {
  let p = from;
  let n = done;
  if (!afterValue) {
    while (p < end && isSpace(<u32>load<u8>(p))) p++;
    if (p < end && load<u8>(p) == 0x5d) {
      position = p + 1;
      count = n;
      return DONE;
    }
  }
  while (true) {
    if (!afterValue) {
      position = p;
      if (n == capacity) {
        count = n;
        return FULL;
      }
      const value = parseNumber(end);
      if (numberStatus != DONE) {
        count = n;
        slowStart = p;
        return numberStatus;
      }
      store<f64>(out + (<usize>n << 3), value);
      n++;
      p = position;
    }
    afterValue = false;
    while (p < end && isSpace(<u32>load<u8>(p))) p++;
    if (p >= end) return BAD;
    const c = load<u8>(p);
    if (c == 0x5d) {
      position = p + 1;
      count = n;
      return DONE;
    }
    if (c != 0x2c) return BAD;
    p++;
    while (p < end && isSpace(<u32>load<u8>(p))) p++;
  }
  return BAD;
}

/** One JSON number at `from` (e.g. a parameter's value): returns it; status and end as parseArray's. */
export let lastStatus: i32 = DONE;
export function parseOne(from: u32, end: u32): f64 {
  position = from;
  slowStart = from;
  const value = parseNumber(end);
  lastStatus = numberStatus;
  return value;
}
