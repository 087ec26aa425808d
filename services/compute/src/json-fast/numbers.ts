/**
 * The WebAssembly number module (wasm/*.as.ts) from JavaScript: number arrays parsed from JSON bytes
 * into Float64Arrays, and Float64Arrays formatted as JSON array text, exactly as JSON.parse and
 * JSON.stringify would. One instance per thread, its memory laid out as
 *   tables (tables.ts) | scratch | a body of at most RESIDENT_BODY_BYTES | output area
 * A larger body gets an instance of its own that is dropped with the request, so a thread keeps at
 * most about 2 MiB of WebAssembly memory for this.
 */
import { NUMBERS_WASM_BASE64 } from './numbers.wasm.ts';
import { digitPairs, powersOfFive, tenPowers } from './tables.ts';

interface NumberExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  setPowersOfFive(at: number): void;
  setFormatTables(g: number, pairs: number, scratch: number): void;
  parseArray(from: number, end: number, out: number, done: number, afterValue: number, capacity: number): number;
  parseOne(from: number, end: number): number;
  formatValues(values: number, n: number, out: number): number;
  position: { value: number };
  count: { value: number };
  slowStart: { value: number };
  lastStatus: { value: number };
}

const DONE = 0;
const SLOW = 1;
const FULL = 3;

/** Bodies up to this size are parsed in the thread's resident instance. */
export const RESIDENT_BODY_BYTES = 1024 * 1024;
/** Values parsed (or formatted) per call into the output area. */
const CHUNK_VALUES = 16384;
/** The longest JSON text of one double: -1.2345678901234567e-308 (24 bytes), and a comma. */
const MAX_VALUE_BYTES = 25;
const PAGE = 65536;

const wasmModule = new WebAssembly.Module(Buffer.from(NUMBERS_WASM_BASE64, 'base64'));
const TABLE_BYTES = (() => {
  const p5 = new Uint8Array(powersOfFive().buffer);
  const g = new Uint8Array(tenPowers().buffer);
  const pairs = digitPairs();
  const all = new Uint8Array(p5.length + g.length + pairs.length);
  all.set(p5, 0);
  all.set(g, p5.length);
  all.set(pairs, p5.length + g.length);
  return { all, g: p5.length, pairs: p5.length + g.length };
})();

const align = (n: number, to: number) => Math.ceil(n / to) * to;

class NumberInstance {
  readonly exports: NumberExports;
  /** Where a body is copied to. */
  readonly body: number;
  private bytes: Uint8Array;

  constructor(bodyCapacity: number) {
    this.exports = new WebAssembly.Instance(wasmModule, {}).exports as unknown as NumberExports;
    const tables = align(this.exports.heapBase(), 16);
    const scratch = tables + TABLE_BYTES.all.length;
    this.body = align(scratch + 32, 16);
    const size = this.body + align(bodyCapacity, 16) + CHUNK_VALUES * (8 + MAX_VALUE_BYTES);
    const memory = this.exports.memory;
    if (memory.buffer.byteLength < size) memory.grow(Math.ceil((size - memory.buffer.byteLength) / PAGE));
    this.bytes = new Uint8Array(memory.buffer);
    this.bytes.set(TABLE_BYTES.all, tables);
    this.exports.setPowersOfFive(tables);
    this.exports.setFormatTables(tables + TABLE_BYTES.g, tables + TABLE_BYTES.pairs, scratch);
    this.outputFor(bodyCapacity);
  }

  /** The output area after a body of `bodyBytes` (8-byte aligned). */
  outputFor(bodyBytes: number): number {
    return this.body + align(bodyBytes, 16);
  }

  get memory(): Uint8Array {
    return this.bytes;
  }
}

let resident: NumberInstance | undefined;

function residentInstance(): NumberInstance {
  return (resident ??= new NumberInstance(RESIDENT_BODY_BYTES));
}

/**
 * The number arrays and numbers of one JSON body, read at given offsets (the caller walks the rest
 * of the document). Each method returns undefined where the text there is not what it expects, or a
 * number is out of the float64 range: the body then goes to the generic parser.
 */
export class BodyNumbers {
  private readonly instance: NumberInstance;
  private readonly source: Buffer;
  private readonly length: number;
  private readonly output: number;
  /** Where the last array or number ended (the offset after it). */
  end = 0;

  constructor(body: Uint8Array) {
    this.instance = body.length <= RESIDENT_BODY_BYTES ? residentInstance() : new NumberInstance(body.length);
    this.source = Buffer.from(body.buffer, body.byteOffset, body.length);
    this.length = body.length;
    this.instance.memory.set(body, this.instance.body);
    this.output = this.instance.outputFor(body.length);
  }

  /** The exact value of a number the module leaves to an exact parser (V8's, as JSON.parse's). */
  private slowValue(from: number, to: number): number {
    return Number(this.source.toString('latin1', from, to));
  }

  /** The array whose '[' is just before `from`. */
  array(from: number): Float64Array | undefined {
    const x = this.instance.exports;
    const base = this.instance.body;
    const out = this.output;
    let chunks: Float64Array[] | undefined;
    let done = 0;
    let at = from;
    let afterValue = 0;
    for (;;) {
      const status = x.parseArray(base + at, base + this.length, out, done, afterValue, CHUNK_VALUES);
      const position = x.position.value - base;
      const count = x.count.value;
      if (status === DONE) {
        const last = new Float64Array(this.instance.exports.memory.buffer, out, count).slice();
        this.end = position;
        if (!chunks) return last;
        chunks.push(last);
        return concat(chunks);
      }
      if (status === SLOW) {
        const value = this.slowValue(x.slowStart.value - base, position);
        if (!Number.isFinite(value)) return undefined;
        new Float64Array(this.instance.exports.memory.buffer, out, count + 1)[count] = value;
        done = count + 1;
        at = position;
        afterValue = 1;
      } else if (status === FULL) {
        (chunks ??= []).push(new Float64Array(this.instance.exports.memory.buffer, out, count).slice());
        done = 0;
        at = position;
        afterValue = 0;
      } else {
        return undefined;
      }
    }
  }

  /** The number starting at `from`. */
  number(from: number): number | undefined {
    const x = this.instance.exports;
    const base = this.instance.body;
    const value = x.parseOne(base + from, base + this.length);
    const status = x.lastStatus.value;
    this.end = x.position.value - base;
    if (status === DONE) return value;
    if (status !== SLOW) return undefined;
    const exact = this.slowValue(from, this.end);
    return Number.isFinite(exact) ? exact : undefined;
  }
}

function concat(chunks: Float64Array[]): Float64Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const all = new Float64Array(n);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
const COMMA = Buffer.from(',');

/**
 * `values` as JSON.stringify writes an array of them, NaN and the infinities as null; appended to
 * `parts` (Buffers to concatenate).
 */
export function formatJsonArray(values: Float64Array, parts: Buffer[]): void {
  const instance = residentInstance();
  const x = instance.exports;
  const input = instance.outputFor(RESIDENT_BODY_BYTES);
  const text = input + CHUNK_VALUES * 8;
  parts.push(OPEN);
  for (let from = 0; from < values.length; from += CHUNK_VALUES) {
    const n = Math.min(CHUNK_VALUES, values.length - from);
    const buffer = x.memory.buffer;
    new Float64Array(buffer, input, n).set(values.subarray(from, from + n));
    const end = x.formatValues(input, n, text);
    if (from > 0) parts.push(COMMA);
    parts.push(Buffer.from(new Uint8Array(buffer, text, end - text)));
  }
  parts.push(CLOSE);
}
