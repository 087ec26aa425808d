/**
 * The fast JSON path's number module (src/json-fast/numbers.ts) against V8's own JSON.stringify and
 * JSON.parse: generated doubles formatted byte for byte as JSON.stringify writes them, generated
 * decimal strings parsed to the same doubles as JSON.parse (correct rounding), and invalid numbers
 * refused. fast-check with a fixed seed (PROPERTY_SEED overrides); bounded counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { appendJsonArray, BodyNumbers, CHUNK_VALUES, formatJsonArray, formatJsonDocument, MAX_VALUE_BYTES, WINDOW_BYTES } from '../src/json-fast/numbers.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261203);
const options = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

const format = formatJsonArray;

/** What the generic path writes for these values (codec.ts: null for NaN and the infinities). */
function stringify(values: Float64Array): string {
  return JSON.stringify(Array.from(values, (v) => (Number.isFinite(v) ? v : null)));
}

function parseArray(text: string): Float64Array | undefined {
  const body = Buffer.from(text, 'latin1');
  return new BodyNumbers(body).array(1);
}

const bits = new BigUint64Array(1);
const asDouble = new Float64Array(bits.buffer);
function fromBits(b: bigint): number {
  bits[0] = b;
  return asDouble[0]!;
}
function toBits(v: number): bigint {
  asDouble[0] = v;
  return bits[0]!;
}
/** The doubles next to v (by bit pattern, same sign). */
const neighbours = (v: number) => [fromBits(toBits(v) - 1n), v, fromBits(toBits(v) + 1n)];

/** Any bit pattern: every exponent, subnormals, NaNs, infinities. */
const anyDouble = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(fromBits);
const subnormal = fc.bigInt({ min: 1n, max: (1n << 52n) - 1n }).chain((m) => fc.constantFrom(fromBits(m), -fromBits(m)));
const powerOfTen = fc.integer({ min: -323, max: 308 }).chain((e) => fc.constantFrom(...neighbours(Number(`1e${e}`))));
/** Around JavaScript's switches to exponent form: 1e21 and 1e-7 (and -6 < n <= 0, 0 < n <= 21). */
const boundary = fc
  .constantFrom(1e21, 1e-7, 1e-6, 1e20, 999999999999999900000, 0.000001, 0.0000001, 9.999999999999999e20, 9.999999999999999e-8)
  .chain((v) => fc.constantFrom(...neighbours(v), ...neighbours(-v)));
const special = fc.constantFrom(0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, 2 ** 53, 2 ** 53 + 2, 2 ** -1022, 2 ** -1022 - 2 ** -1074);
const price = fc.double({ min: 0.01, max: 1e6, noNaN: true });

test('formatting: every kind of double is written byte for byte as JSON.stringify writes it', () => {
  const value = fc.oneof(anyDouble, subnormal, powerOfTen, boundary, special, price, fc.integer().map(Number));
  fc.assert(
    fc.property(fc.array(value, { maxLength: 64 }), (values) => {
      const array = new Float64Array(values);
      assert.equal(format(array), stringify(array));
    }),
    options(3000),
  );
});

test('formatting: 300,000 random bit patterns and 100,000 subnormals in large arrays (chunked)', () => {
  let state = BigInt(SEED) | 1n;
  const next = () => {
    // xorshift64*
    state ^= state >> 12n;
    state ^= (state << 25n) & 0xffffffffffffffffn;
    state ^= state >> 27n;
    return (state * 2685821657736338717n) & 0xffffffffffffffffn;
  };
  const random = new Float64Array(300_000);
  const randomBits = new BigUint64Array(random.buffer);
  for (let i = 0; i < random.length; i++) randomBits[i] = next();
  assert.equal(format(random), stringify(random));
  const tiny = new Float64Array(100_000);
  const tinyBits = new BigUint64Array(tiny.buffer);
  for (let i = 0; i < tiny.length; i++) tinyBits[i] = next() & ((1n << 52n) - 1n);
  assert.equal(format(tiny), stringify(tiny));
});

test('formatting: the 100,000 smallest subnormals and the doubles around the normal range\'s start, all of them', () => {
  const small = new Float64Array(100_000);
  new BigUint64Array(small.buffer).forEach((_, i, a) => (a[i] = BigInt(i)));
  assert.equal(format(small), stringify(small));
  const edge = new Float64Array(100_000);
  new BigUint64Array(edge.buffer).forEach((_, i, a) => (a[i] = (1n << 52n) - 50_000n + BigInt(i)));
  assert.equal(format(edge), stringify(edge));
});

test('formatting as bytes (a worker\'s responses): the same text as the string form, across chunk boundaries', () => {
  const asBytes = (values: Float64Array) => {
    const parts: Uint8Array[] = [];
    appendJsonArray(values, parts);
    return Buffer.concat(parts).toString('latin1');
  };
  for (const n of [0, 1, 2, CHUNK_VALUES - 1, CHUNK_VALUES, CHUNK_VALUES + 1, 10 * CHUNK_VALUES + 7]) {
    const values = Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? Number.NaN : 100 + Math.sin(i) / 3));
    assert.equal(asBytes(values), stringify(values), `${n} values`);
  }
  fc.assert(
    fc.property(fc.array(fc.oneof(anyDouble, subnormal, special, price), { maxLength: 64 }), (values) => {
      const array = new Float64Array(values);
      assert.equal(asBytes(array), stringify(array));
    }),
    options(500),
  );
});

test('a whole document in one string: texts and arrays in turn exactly as concatenated; undefined past the text area or for a text latin1 cannot carry', () => {
  const concatenated = (texts: string[], arrays: Float64Array[]) => texts.slice(1).reduce((s, t, k) => s + format(arrays[k]!) + t, texts[0]!);
  const values = (n: number, seed: number) => Float64Array.from({ length: n }, (_, i) => (i % 89 === 0 ? Number.NaN : 100 + Math.sin(seed + i) / 3));
  const cases: [string[], Float64Array[]][] = [
    [['{"a":', '}'], [new Float64Array(0)]],
    [['', ''], [values(1, 1)]],
    [['{"id":"macd","outputs":{"macd":', ',"macdSignal":', ',"macdHist":', '}}'], [values(1_000, 1), values(1_000, 2), values(1_000, 3)]],
    [['{"é ü":', ',"ÿ":', '}'], [values(10, 4), values(2, 5)]],
    [['[', ']'], [values(CHUNK_VALUES - 8, 5)]],
  ];
  for (const [texts, arrays] of cases) assert.equal(formatJsonDocument(texts, arrays), concatenated(texts, arrays), texts[0]);
  assert.equal(formatJsonDocument(['[', ']'], [values(CHUNK_VALUES + 1, 6)]), undefined);
  assert.equal(formatJsonDocument(['[', ',', ']'], [values(CHUNK_VALUES / 2, 7), values(CHUNK_VALUES / 2 + 1, 8)]), undefined);
  assert.equal(formatJsonDocument(['{"→":', '}'], [values(3, 9)]), undefined);
  // Texts of characters up to U+010F: mostly latin1 (one byte each), sometimes one that is not.
  const text = fc.string({ unit: fc.integer({ min: 0, max: 0x10f }).map((c) => String.fromCharCode(c)), maxLength: 12 });
  fc.assert(
    fc.property(fc.array(fc.tuple(text, fc.array(fc.oneof(anyDouble, subnormal, special, price), { maxLength: 300 })), { maxLength: 4 }), text, (pairs, last) => {
      const texts = [...pairs.map(([t]) => t), last];
      const arrays = pairs.map(([, v]) => new Float64Array(v));
      const whole = formatJsonDocument(texts, arrays);
      if (texts.some((t) => /[^\x00-\xff]/.test(t))) assert.equal(whole, undefined);
      else assert.equal(whole, concatenated(texts, arrays));
    }),
    options(500),
  );
});

test('the text area holds the longest texts: every double\'s text and its comma fit MAX_VALUE_BYTES, and a document of the longest ones is whole', () => {
  const longest = [-0.0000012345678901234567, -1.2345678901234567e-308, -1.7976931348623157e308, -123456789012345680000, -5e-324, -0.000001];
  for (const v of longest) assert.ok(JSON.stringify(v).length + 1 <= MAX_VALUE_BYTES, JSON.stringify(v));
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => JSON.stringify(v).length + 1 <= MAX_VALUE_BYTES),
    options(2_000),
  );
  // As many 25-byte values as the document check lets through, each different (no repeated text).
  const n = CHUNK_VALUES - 4;
  const values = Float64Array.from({ length: n }, (_, i) => -(0.0000012345678901234567 + i * 1e-22));
  assert.equal(formatJsonDocument(['{"v":', '}'], [values]), `{"v":${format(values)}}`);
});

test('formatting: every power of ten and the eight doubles around it (digit counts rounding over to the next power), all of them', () => {
  const values: number[] = [];
  for (let k = -323; k <= 308; k++) {
    const v = Number(`1e${k}`);
    for (let d = -4n; d <= 4n; d++) {
      const w = fromBits(toBits(v) + d);
      if (Number.isFinite(w) && w > 0) values.push(w, -w);
    }
  }
  const array = new Float64Array(values);
  assert.equal(format(array), stringify(array));
});

test('formatting: an empty array and -0', () => {
  assert.equal(format(new Float64Array(0)), '[]');
  assert.equal(format(new Float64Array([-0, 0, -0])), '[0,0,0]');
});

// Decimal strings as JSON writes numbers: an optional '-', an integer part without leading zeros,
// optional fraction and exponent.
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const integerPart = fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 30)).map(([a, b]) => a + b));
const fraction = fc.option(digits(1, 40).map((d) => `.${d}`), { nil: '' });
const exponent = fc.option(
  fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 280, max: 330 }), fc.integer({ min: 0, max: 400 }))).map(([e, s, n]) => `${e}${s}${n}`),
  { nil: '' },
);
const decimal = fc.tuple(fc.constantFrom('', '-'), integerPart, fraction, exponent).map((p) => p.join(''));
/** The exact decimal of m 2^e (m > 0) as significant digits and the exponent of the last one. */
function exactDecimal(m: bigint, e: number): { digits: string; exponent: number } {
  return e >= 0 ? { digits: (m << BigInt(e)).toString(), exponent: 0 } : { digits: (m * 5n ** BigInt(-e)).toString(), exponent: e };
}

/**
 * The halfway point between a positive double and the next one up (the hard cases of rounding),
 * written exactly or cut to 17 to 25 significant digits, or with its last kept digit one up.
 */
const nearHalfway = fc.tuple(fc.bigInt({ min: 1n, max: 0x7fefffffffffffffn }), fc.integer({ min: 15, max: 40 }), fc.constantFrom(-1n, 0n, 1n)).map(([b, p, nudge]) => {
  const exponentBits = Number(b >> 52n);
  const fraction = b & ((1n << 52n) - 1n);
  const m = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const e = (exponentBits === 0 ? 1 : exponentBits) - 1075;
  const { digits, exponent } = exactDecimal(2n * m + 1n, e - 1);
  const kept = digits.length > p ? BigInt(digits.slice(0, p)) + nudge : BigInt(digits);
  return `${kept}e${exponent + Math.max(0, digits.length - p)}`;
});
const writtenDouble = fc.oneof(anyDouble, subnormal, powerOfTen, boundary, price).filter(Number.isFinite).map((v) => JSON.stringify(v));
const space = fc.constantFrom('', ' ', '\n', '\t', '\r', ' \n\t\r ');

test('parsing: generated decimals (long mantissas, exponents near the limits, -0, halfway cases) equal JSON.parse', () => {
  const number = fc.oneof(decimal, nearHalfway, writtenDouble, fc.constantFrom('-0', '0', '-0.0', '0e0', '-0E-0', '1e-400', '2.4703282292062328e-324', '2.4703282292062327e-324', '4.9406564584124654e-324', '1.7976931348623157e308', '1.7976931348623158e308'));
  fc.assert(
    fc.property(fc.array(fc.tuple(space, number, space), { maxLength: 40 }), space, (items, inner) => {
      const text = `[${inner}${items.map(([a, n, b]) => a + n + b).join(',')}]`;
      const want = JSON.parse(text) as number[];
      const got = parseArray(text);
      if (!want.every(Number.isFinite)) {
        assert.equal(got, undefined, 'a number beyond the float64 range is left to the generic path');
        return;
      }
      assert.ok(got, text);
      assert.deepEqual(Array.from(got), want, text);
      // -0 stays -0.
      got.forEach((v, i) => assert.ok(Object.is(v, want[i]), `${text} [${i}]`));
    }),
    options(3000),
  );
});

test('parsing: whatever JSON.parse refuses in an array, the fast path refuses too (leading zeros, +, bare points, …)', () => {
  const broken = fc.constantFrom('01', '-01', '00', '+1', '.5', '5.', '1.e5', '1e', '1e+', '-', '--1', '1..2', '0x10', 'NaN', 'Infinity', '-Infinity', '1_000', '１', 'null', 'true', '"1"', '[1]', '{}', '1 2', ',', '');
  fc.assert(
    fc.property(fc.array(fc.oneof(writtenDouble, broken), { minLength: 1, maxLength: 8 }), fc.constantFrom('', ',', ' ,'), (items, tail) => {
      const text = `[${items.join(',')}${tail}]`;
      let valid = true;
      try {
        valid = (JSON.parse(text) as unknown[]).every((v) => typeof v === 'number' && Number.isFinite(v));
      } catch {
        valid = false;
      }
      const got = parseArray(text);
      if (valid) assert.deepEqual(got && Array.from(got), JSON.parse(text), text);
      else assert.equal(got, undefined, text);
    }),
    options(2000),
  );
});

test('parsing: a body longer than the window, numbers across window boundaries and the exact fallback among them', () => {
  const values: string[] = [];
  let i = 0;
  let length = 0;
  // Mixed lengths (including 25-digit mantissas, sent to the exact parser) and runs of spaces, so
  // that window boundaries fall inside numbers, inside spaces and between them.
  while (length < 2.5 * WINDOW_BYTES) {
    const k = i++ % 7;
    values.push(k === 0 ? `${i}.${'7'.repeat(24)}` : k === 1 ? `${' '.repeat(i % 13)}-${i}e-3` : k === 2 ? String(i / 3) : k === 3 ? `0.${'0'.repeat(i % 9)}${i}` : String(Math.sqrt(i) * 1e10));
    length += values[values.length - 1]!.length + 1;
  }
  const text = `[${values.join(',')}]`;
  const got = parseArray(text);
  assert.ok(got);
  assert.deepEqual(Array.from(got), JSON.parse(text));
  // A number longer than a window cannot be read in windows: left to the generic path.
  assert.equal(parseArray(`[1.${'1'.repeat(WINDOW_BYTES + 10)}]`), undefined);
});

test('parsing: one number (a parameter) equals JSON.parse and reports where it ended', () => {
  fc.assert(
    fc.property(fc.oneof(decimal, writtenDouble), (n) => {
      const body = Buffer.from(`${n},`, 'latin1');
      const numbers = new BodyNumbers(body);
      const want = JSON.parse(n) as number;
      const got = numbers.number(0);
      if (!Number.isFinite(want)) return assert.equal(got, undefined);
      assert.ok(Object.is(got, want), n);
      assert.equal(numbers.end, n.length);
    }),
    options(2000),
  );
});
