// JSON number arrays from bytes to float64, correctly rounded: Clinger's fast path, then the
// Eisel-Lemire algorithm (as in fast_float). A number it cannot decide (more than 19 significant
// digits, or the rare product too close to a rounding boundary) is handed back to the caller as SLOW,
// with its place, for an exact parser. Anything that is not a JSON number array, and numbers out of
// the float64 range, are BAD: the caller then leaves the whole body to the generic parser.
import { mulHigh } from './u128.as';

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

/**
 * How many of the 8 bytes of v (little-endian: the first byte lowest) are ASCII digits before the
 * first byte that is not. A byte's test can be disturbed only by a carry or borrow from a lower byte,
 * and bytes below the first non-digit are digits, which make none.
 */
// @ts-ignore: decorator
@inline
function digitRun(v: u64): u32 {
  const notDigit = ((v + 0x4646464646464646) | (v - 0x3030303030303030) | v) & 0x8080808080808080;
  return <u32>(ctz(notDigit) >> 3);
}

/** The value of the first `n` (1 to 8) ASCII digits of v: three multiplications, as in simdjson. */
// @ts-ignore: decorator
@inline
function digitsValue(v: u64, n: u32): u64 {
  v <<= <u64>(64 - 8 * n); // the wanted digits to the top; the zero bytes below them count as 0
  v = ((v & 0x0f0f0f0f0f0f0f0f) * 2561) >> 8;
  v = ((v & 0x00ff00ff00ff00ff) * 6553601) >> 16;
  return ((v & 0x0000ffff0000ffff) * 42949672960001) >> 32;
}

const POWERS_OF_TEN_U64: StaticArray<u64> = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

/** Digits read into w by readDigits, and where they ended. */
let runW: u64 = 0;
let runDigits: i32 = 0;
let runEnd: u32 = 0;

/**
 * Reads the digits at p (up to `end`) onto w, eight bytes at a time (the memory past `end` is the
 * host's and readable). Digits beyond the 19th are not added (runDigits counts them all; leading
 * zeros of a fraction count too, which only sends such numbers to the exact parser sooner).
 */
// @ts-ignore: decorator
@inline
function readDigits(p: u32, end: u32, w: u64, digits: i32): void {
  while (digits <= 11) {
    let n = digitRun(load<u64>(p));
    if (n > end - p) n = end - p;
    if (n == 0) break;
    w = w * unchecked(POWERS_OF_TEN_U64[n]) + digitsValue(load<u64>(p), n);
    digits += <i32>n;
    p += n;
    if (n < 8) {
      runW = w;
      runDigits = digits;
      runEnd = p;
      return;
    }
  }
  while (p < end && <u32>load<u8>(p) - 0x30 < 10) {
    if (digits < 19) w = w * 10 + <u64>(load<u8>(p) - 0x30);
    digits++;
    p++;
  }
  runW = w;
  runDigits = digits;
  runEnd = p;
}

/** Status of the last parseNumber. */
let numberStatus: i32 = DONE;

/**
 * w * 10^q as the nearest float64 (round half to even), for w < 10^19, w != 0. Sets numberStatus to
 * SLOW when undecided and BAD when the result is infinite.
 */
// @ts-ignore: decorator
@inline
function eiselLemire(w: u64, q: i32): f64 {
  if (q < -342) return 0;
  if (q > 308) {
    numberStatus = BAD;
    return 0;
  }
  const lz = <i32>clz(w);
  w <<= lz;
  const at = powersOfFive + (<usize>(q + 342) << 4);
  const p0 = load<u64>(at);
  let high = mulHigh(w, p0);
  let lo = w * p0;
  if ((high & 0x1ff) == 0x1ff) {
    const secondHigh = mulHigh(w, load<u64>(at, 8));
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

/** Not a number: BAD, with the place where that was seen (the end of a window when it was cut). */
function bad(p: u32): f64 {
  numberStatus = BAD;
  position = p;
  return 0;
}

/**
 * The JSON number at `position` (strict grammar: no leading zeros, no '+', digits on both sides of
 * the point). Advances `position` past it; sets numberStatus. Inlined with eiselLemire into its two
 * callers: 6% less time per number than as calls (bench:numbers).
 */
// @ts-ignore: decorator
@inline
function parseNumber(end: u32): f64 {
  let p = position;
  numberStatus = DONE;
  if (p >= end) {
    return bad(p);
  }
  let c = <u32>load<u8>(p);
  const negative = c == 0x2d;
  if (negative) {
    if (++p >= end) {
      return bad(p);
    }
    c = <u32>load<u8>(p);
  }
  let w: u64 = 0;
  // Digits read into w (w < 10^digits) and the decimal exponent of w's last digit.
  let digits: i32 = 0;
  let q: i32 = 0;
  if (c == 0x30) {
    p++;
  } else if (isDigit(c)) {
    readDigits(p, end, 0, 0);
    w = runW;
    digits = runDigits;
    p = runEnd;
    // Integer digits past the 19th were not added: each is a power of ten.
    if (digits > 19) q = digits - 19;
  } else {
    return bad(p);
  }
  if (p < end && load<u8>(p) == 0x2e) {
    p++;
    readDigits(p, end, w, digits);
    if (runEnd == p) {
      return bad(p);
    }
    // Fraction digits up to the 19th were added, each one a tenth.
    const before = digits < 19 ? digits : 19;
    const after = runDigits < 19 ? runDigits : 19;
    q -= after - before;
    w = runW;
    digits = runDigits;
    p = runEnd;
  }
  if (p < end && (load<u8>(p) | 0x20) == 0x65) {
    if (++p >= end) {
      return bad(p);
    }
    c = <u32>load<u8>(p);
    const negativeExponent = c == 0x2d;
    if (c == 0x2d || c == 0x2b) {
      if (++p >= end) {
        return bad(p);
      }
      c = <u32>load<u8>(p);
    }
    if (!isDigit(c)) {
      return bad(p);
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

/** Where parseArray is in an array: just after '[', after ',' (a value must come), after a value. */
export const START = 0;
export const VALUE = 1;
export const AFTER = 2;
/** parseArray stopped at the end of a window that is not the body's end: resume at position. */
export const MORE = 4;
/** After parseArray returned SLOW, FULL or MORE: the state to resume in. */
export let resumeState: i32 = START;

// @ts-ignore: decorator
@inline
function skipSpace(p: u32, end: u32): u32 {
  while (p < end && isSpace(<u32>load<u8>(p))) p++;
  return p;
}

// @ts-ignore: decorator
@inline
function stop(status: i32, at: u32, n: u32, state: i32): i32 {
  position = at;
  count = n;
  resumeState = state;
  return status;
}

/**
 * Parses array elements from `from`, in `state`, up to and including the closing ']', into float64s
 * at `out` (`out + 8 * done` onwards, at most `capacity` in all). The bytes up to `end` are a window
 * of the body; `last`: the window ends where the body does. Returns DONE (position: after ']'),
 * SLOW (a number for the exact parser from slowStart to position; resume after it), FULL (take the
 * values, resume at position), MORE (slide the window to position and resume) or BAD.
 */
export function parseArray(from: u32, end: u32, out: usize, done: u32, state: i32, capacity: u32, last: bool): i32 {
  let p = from;
  let n = done;
  while (true) {
    if (state == AFTER) {
      const at = skipSpace(p, end);
      if (at >= end) return last ? BAD : stop(MORE, p, n, AFTER);
      const c = load<u8>(at);
      if (c == 0x5d) return stop(DONE, at + 1, n, AFTER);
      if (c != 0x2c) return BAD;
      p = at + 1;
      state = VALUE;
    }
    const at = skipSpace(p, end);
    if (at >= end) return last ? BAD : stop(MORE, p, n, state);
    if (state == START && load<u8>(at) == 0x5d) return stop(DONE, at + 1, n, AFTER);
    if (n == capacity) return stop(FULL, at, n, VALUE);
    position = at;
    const value = parseNumber(end);
    // A number that reaches the window's end may go on past it.
    if (!last && position >= end) return stop(MORE, at, n, VALUE);
    if (numberStatus != DONE) {
      slowStart = at;
      return stop(numberStatus, position, n, AFTER);
    }
    store<f64>(out + (<usize>n << 3), value);
    n++;
    p = position;
    state = AFTER;
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
