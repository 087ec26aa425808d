/**
 * The WebAssembly number module (wasm/*.as.ts) from JavaScript: number arrays parsed from JSON bytes
 * into Float64Arrays, and Float64Arrays formatted as JSON array text, exactly as JSON.parse and
 * JSON.stringify would. One instance per thread, its memory (about 1.6 MiB, whatever the body's
 * size) laid out as
 *   tables (tables.ts) | scratch | a window of the body | values | text
 */
import { NUMBERS_WASM_BASE64 } from './numbers.wasm.ts';
import { digitPairs, powersOfFive, tenPowers } from './tables.ts';

interface NumberExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  setPowersOfFive(at: number): void;
  setFormatTables(g: number, pairs: number, scratch: number): void;
  parseArray(from: number, end: number, out: number, done: number, state: number, capacity: number, last: number): number;
  parseOne(from: number, end: number): number;
  formatValues(values: number, n: number, out: number): number;
  position: { value: number };
  count: { value: number };
  slowStart: { value: number };
  lastStatus: { value: number };
  resumeState: { value: number };
}

// Statuses and array states of wasm/parse.as.ts.
const DONE = 0;
const SLOW = 1;
const FULL = 3;
const MORE = 4;
const START = 0;
const AFTER = 2;

/** The body is copied into the module in windows of this size. */
export const WINDOW_BYTES = 1024 * 1024;
/**
 * Values parsed (or formatted) per call into the output area. 4,096 values' text (about 75 KB) stays
 * in the core's cache until it is copied out: with 16,384 formatting 100,000 values took 39-42 ns a
 * value, with 4,096 33-34 (`npm run bench:numbers -w @chitti/bench`); parsing took the same with both.
 */
export const CHUNK_VALUES = 4096;
/**
 * The longest JSON text of one double and its comma: -0.0000012345678901234567 (25 bytes: plain
 * notation down to 1e-6, with 17 digits) and ",". (The exponent form's longest,
 * -1.2345678901234567e-308, is 24.)
 */
export const MAX_VALUE_BYTES = 26;
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

/** The thread's instance and its memory layout. */
class NumberInstance {
  readonly exports: NumberExports;
  /** Where the window of a body is copied to. */
  readonly window: number;
  /** Parsed values, or the values to format. */
  readonly values: number;
  /** Formatted text. */
  readonly text: number;
  readonly bytes: Uint8Array;
  /** The same memory as a Buffer, for its latin1Slice. */
  readonly latin1: Buffer & { latin1Slice(start: number, end: number): string };

  constructor() {
    this.exports = new WebAssembly.Instance(wasmModule, {}).exports as unknown as NumberExports;
    const tables = align(this.exports.heapBase(), 16);
    const scratch = tables + TABLE_BYTES.all.length;
    this.window = align(scratch + 32, 16);
    // 16 bytes past the window: the module reads 8 bytes at a time, up to the window's end.
    this.values = this.window + WINDOW_BYTES + 16;
    this.text = this.values + CHUNK_VALUES * 8;
    // 64 bytes of room past the text: the module writes a number's digits 24 bytes at a time.
    const size = this.text + CHUNK_VALUES * MAX_VALUE_BYTES + 64;
    const memory = this.exports.memory;
    if (memory.buffer.byteLength < size) memory.grow(Math.ceil((size - memory.buffer.byteLength) / PAGE));
    this.bytes = new Uint8Array(memory.buffer);
    this.latin1 = Buffer.from(memory.buffer) as NumberInstance['latin1'];
    this.bytes.set(TABLE_BYTES.all, tables);
    this.exports.setPowersOfFive(tables);
    this.exports.setFormatTables(tables + TABLE_BYTES.g, tables + TABLE_BYTES.pairs, scratch);
  }
}

let instance: NumberInstance | undefined;

function numberInstance(): NumberInstance {
  return (instance ??= new NumberInstance());
}

/**
 * The number arrays and numbers of one JSON body, read at given offsets (the caller walks the rest
 * of the document). Each method returns undefined where the text there is not what it expects, or a
 * number is out of the float64 range: the body then goes to the generic parser. The body is copied
 * into the module a window at a time, so a large body costs no more WebAssembly memory.
 */
export class BodyNumbers {
  private readonly instance: NumberInstance;
  private readonly source: Buffer;
  /** The window: body offsets [windowStart, windowEnd) are at instance.window onwards. */
  private windowStart = 0;
  private windowEnd = 0;
  /** Where the last array or number ended (the offset after it). */
  end = 0;

  constructor(body: Uint8Array) {
    this.instance = numberInstance();
    this.source = Buffer.from(body.buffer, body.byteOffset, body.length);
  }

  /** Copies the window starting at `from` into the module. */
  private load(from: number): void {
    this.windowStart = from;
    this.windowEnd = Math.min(this.source.length, from + WINDOW_BYTES);
    this.instance.bytes.set(this.source.subarray(from, this.windowEnd), this.instance.window);
  }

  /** Makes the window start at or before `from`, with at least `ahead` bytes after it when the body has them. */
  private cover(from: number, ahead: number): void {
    if (this.windowEnd === 0 || from < this.windowStart || (from + ahead > this.windowEnd && this.windowEnd < this.source.length)) this.load(from);
  }

  /** The exact value of a number the module leaves to an exact parser (V8's, as JSON.parse's). */
  private slowValue(from: number, to: number): number {
    return Number(this.source.toString('latin1', from, to));
  }

  /** The array whose '[' is just before `from`. */
  array(from: number): Float64Array | undefined {
    const { exports: x, window, values } = this.instance;
    let chunks: Float64Array[] | undefined;
    let done = 0;
    let at = from;
    let state = START;
    this.cover(from, 64);
    for (;;) {
      const shift = window - this.windowStart;
      const status = x.parseArray(at + shift, this.windowEnd + shift, values, done, state, CHUNK_VALUES, this.windowEnd === this.source.length ? 1 : 0);
      const position = x.position.value - shift;
      const count = x.count.value;
      state = x.resumeState.value;
      if (status === DONE) {
        const last = freshValues(count);
        last.set(new Float64Array(x.memory.buffer, values, count));
        this.end = position;
        if (!chunks) return last;
        chunks.push(last);
        return concat(chunks);
      }
      if (status === SLOW) {
        const value = this.slowValue(x.slowStart.value - shift, position);
        if (!Number.isFinite(value)) return undefined;
        new Float64Array(x.memory.buffer, values, count + 1)[count] = value;
        done = count + 1;
      } else if (status === FULL) {
        (chunks ??= []).push(new Float64Array(x.memory.buffer, values, count).slice());
        done = 0;
      } else if (status === MORE) {
        // No progress: one number (or run of spaces) is longer than a window.
        if (position === this.windowStart) return undefined;
        this.load(position);
        done = count;
      } else {
        return undefined;
      }
      at = position;
    }
  }

  /** The number starting at `from`. */
  number(from: number): number | undefined {
    const x = this.instance.exports;
    this.cover(from, 4096);
    const shift = this.instance.window - this.windowStart;
    const value = x.parseOne(from + shift, this.windowEnd + shift);
    const status = x.lastStatus.value;
    this.end = x.position.value - shift;
    // A number reaching the end of a window that is not the body's: longer than 4 KiB, not ours.
    if (this.end >= this.windowEnd && this.windowEnd < this.source.length) return undefined;
    if (status === DONE) return value;
    if (status !== SLOW) return undefined;
    const exact = this.slowValue(from, this.end);
    return Number.isFinite(exact) ? exact : undefined;
  }
}

/**
 * Arrays for parsed values: small ones are views of a shared slab, as the kernels' outputs are
 * (kernels/src/outputs.ts). One backing store per request made V8 run a full collection every few
 * hundred requests: this path leaves little young garbage, so scavenges, which free dead backing
 * stores, became rare, and the growing memory outside the heap triggered mark-compacts instead.
 * A slab is never reused, only left to the collector once its views are gone.
 */
const SLAB_BYTES = 256 * 1024;
const SLAB_MAX_BYTES = 32 * 1024;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

function freshValues(n: number): Float64Array {
  const bytes = n * 8;
  if (bytes > SLAB_MAX_BYTES) return new Float64Array(n);
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const view = new Float64Array(slab, slabUsed, n);
  slabUsed += bytes;
  return view;
}

function concat(chunks: Float64Array[]): Float64Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const all = freshValues(n);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

/**
 * `values` as JSON.stringify writes an array of them (NaN and the infinities as null). A string, as
 * the generic path's: V8 keeps it in its heap, where the garbage of thousands of responses a second
 * is collected young; response Buffers (memory outside the heap) made V8 run a full collection every
 * few hundred requests. Buffers from a pool of reused blocks (no memory outside the heap per response)
 * were tried too: 5 µs a request cheaper for the first 30 s of load, then 30-50 µs dearer, with full
 * collections: a string response is most of a request's young garbage, and the scavenges it brings
 * are what free the request bodies (memory outside the heap) before that memory forces a full
 * collection (bench:service-versions, 92a8c88 against the pool, json-1k CPU 106 -> 140 µs).
 */
export function formatJsonArray(values: Float64Array): string {
  const { latin1 } = numberInstance();
  let json = '[';
  formatChunks(values, (start, end, first) => {
    json += (first ? '' : ',') + latin1.latin1Slice(start, end);
  });
  return json + ']';
}

/** Any character that does not fit one byte of latin1 (which the module's text is read back as). */
const WIDE = /[^\x00-\xff]/;

/**
 * A JSON document of text and number arrays in turn, texts[0] arrays[0] texts[1] … texts[last] (one
 * text more than arrays), each array as formatJsonArray writes it, as one flat string: written
 * whole into the module's text area and read back once. A string concatenated from parts is a
 * rope that V8 flattens, copying it again, when the response is measured and written; this is
 * one copy. Undefined when it does not fit the text area (more than CHUNK_VALUES values in all) or
 * a text has a character latin1 cannot carry: the caller then concatenates.
 */
export function formatJsonDocument(texts: readonly string[], arrays: readonly Float64Array[]): string | undefined {
  const { exports: x, values, text, latin1 } = numberInstance();
  let count = 0;
  for (const a of arrays) count += a.length;
  let bytes = 2 * arrays.length;
  for (const t of texts) {
    if (WIDE.test(t)) return undefined;
    bytes += t.length;
  }
  // Within the text area, so also at most CHUNK_VALUES values (what the values area holds).
  if (bytes + count * MAX_VALUE_BYTES > CHUNK_VALUES * MAX_VALUE_BYTES) return undefined;
  let end = text + latin1.write(texts[0]!, text, 'latin1');
  for (let k = 0; k < arrays.length; k++) {
    const a = arrays[k]!;
    latin1[end++] = 0x5b; // [
    if (a.length > 0) {
      new Float64Array(x.memory.buffer, values, a.length).set(a);
      end = x.formatValues(values, a.length, end);
    }
    latin1[end++] = 0x5d; // ]
    end += latin1.write(texts[k + 1]!, end, 'latin1');
  }
  return latin1.latin1Slice(text, end);
}

const OPEN_ARRAY = Buffer.from('[');
const CLOSE_ARRAY = Buffer.from(']');
const COMMA = Buffer.from(',');

/**
 * The same text as formatJsonArray, as bytes appended to `parts`: for a worker's response, which
 * travels to the main thread as bytes (a string would be encoded there), without building the string.
 */
export function appendJsonArray(values: Float64Array, parts: Uint8Array[]): void {
  const { bytes } = numberInstance();
  parts.push(OPEN_ARRAY);
  formatChunks(values, (start, end, first) => {
    if (!first) parts.push(COMMA);
    parts.push(bytes.slice(start, end));
  });
  parts.push(CLOSE_ARRAY);
}

/** Formats `values` a chunk at a time; `each` gets the chunk's text as offsets into the module's memory. */
function formatChunks(values: Float64Array, each: (start: number, end: number, first: boolean) => void): void {
  const { exports: x, values: input, text } = numberInstance();
  for (let from = 0; from < values.length; from += CHUNK_VALUES) {
    const n = Math.min(CHUNK_VALUES, values.length - from);
    new Float64Array(x.memory.buffer, input, n).set(values.subarray(from, from + n));
    each(text, x.formatValues(input, n, text), from === 0);
  }
}
