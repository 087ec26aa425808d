/**
 * The fast path's request body: `{"inputs": {name: [numbers], …}, "params": {name: number, …}}`
 * (params optional, members in any order, whitespace wherever JSON allows it, escaped member names),
 * read straight from the bytes with the number arrays parsed by the WebAssembly module.
 *
 * It accepts exactly the bodies that the generic path (src/json.ts, then the request schema) would
 * accept with this shape, and gives the same values: anything else (other members or value types,
 * a duplicate member, `__proto__`, bytes outside ASCII, invalid JSON, a number beyond the float64
 * range, a member name the schema's pattern would not see) returns undefined, and the caller parses
 * the body the generic way, which answers exactly as before.
 */
import { BodyNumbers } from './numbers.ts';

/** A body in the fast shape, parsed. */
export class FastIndicatorBody {
  readonly inputs: Record<string, Float64Array>;
  readonly params: Record<string, number> | undefined;
  constructor(inputs: Record<string, Float64Array>, params: Record<string, number> | undefined) {
    this.inputs = inputs;
    this.params = params;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
/** Characters the schema's member-name pattern (`^(.*)$`, no `s` flag) does not match. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** Thrown inside the reader to give up; never leaves this module. */
class NotFastShape {}
const notFast = new NotFastShape();

class Reader {
  private at = 0;
  private readonly bytes: Uint8Array;
  private readonly text: Buffer;
  private readonly numbers: BodyNumbers;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    this.numbers = new BodyNumbers(bytes);
  }

  private space(): void {
    const b = this.bytes;
    let i = this.at;
    for (;;) {
      const c = b[i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    this.at = i;
  }

  private expect(c: number): void {
    this.space();
    if (this.bytes[this.at] !== c) throw notFast;
    this.at++;
  }

  /** After a member: true when another follows (','), false at the closing '}'. */
  private more(): boolean {
    this.space();
    const c = this.bytes[this.at++];
    if (c === COMMA) return true;
    if (c === CLOSE_OBJECT) return false;
    throw notFast;
  }

  /** An object's opening '{': false when it is empty ('{}'). */
  private open(): boolean {
    this.expect(OPEN_OBJECT);
    this.space();
    if (this.bytes[this.at] !== CLOSE_OBJECT) return true;
    this.at++;
    return false;
  }

  /** A member name and its ':'. */
  private name(): string {
    this.expect(QUOTE);
    const b = this.bytes;
    const start = this.at;
    let escaped = false;
    let i = start;
    for (;;) {
      const c = b[i];
      if (c === undefined || c < 0x20 || c >= 0x80) throw notFast;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        i++;
      }
      i++;
    }
    this.at = i + 1;
    let name: string;
    if (escaped) {
      try {
        name = JSON.parse(this.text.toString('latin1', start - 1, i + 1)) as string;
      } catch {
        throw notFast;
      }
      if (LINE_TERMINATOR.test(name)) throw notFast;
    } else {
      name = this.text.toString('latin1', start, i);
    }
    this.expect(COLON);
    return name;
  }

  private static add<T>(into: Record<string, T>, name: string, value: T): void {
    if (name === '__proto__' || Object.hasOwn(into, name)) throw notFast;
    into[name] = value;
  }

  private inputs(): Record<string, Float64Array> {
    const inputs: Record<string, Float64Array> = {};
    if (!this.open()) return inputs;
    do {
      const name = this.name();
      this.expect(OPEN_ARRAY);
      const values = this.numbers.array(this.at);
      if (values === undefined) throw notFast;
      this.at = this.numbers.end;
      Reader.add(inputs, name, values);
    } while (this.more());
    return inputs;
  }

  private params(): Record<string, number> {
    const params: Record<string, number> = {};
    if (!this.open()) return params;
    do {
      const name = this.name();
      this.space();
      const value = this.numbers.number(this.at);
      if (value === undefined) throw notFast;
      this.at = this.numbers.end;
      Reader.add(params, name, value);
    } while (this.more());
    return params;
  }

  body(): FastIndicatorBody {
    let inputs: Record<string, Float64Array> | undefined;
    let params: Record<string, number> | undefined;
    if (!this.open()) throw notFast;
    do {
      const name = this.name();
      if (name === 'inputs' && inputs === undefined) inputs = this.inputs();
      else if (name === 'params' && params === undefined) params = this.params();
      else throw notFast;
    } while (this.more());
    this.space();
    if (this.at !== this.bytes.length || inputs === undefined) throw notFast;
    return new FastIndicatorBody(inputs, params);
  }
}

/** The body in the fast shape, or undefined (then parse it the generic way). */
export function parseIndicatorBody(bytes: Uint8Array): FastIndicatorBody | undefined {
  try {
    return new Reader(bytes).body();
  } catch (err) {
    if (err === notFast) return undefined;
    throw err;
  }
}
