/**
 * Strict JSON request bodies: valid UTF-8, nesting at most MAX_JSON_DEPTH deep, valid JSON, no member
 * name twice in one object and no `__proto__` member. JSON.parse alone would decode bad bytes as
 * U+FFFD and keep the last of two duplicate members silently; both hide client bugs, so both are a
 * 400 here. The depth is checked before parsing: tens of MB of nested brackets parse into millions
 * of nested arrays (gigabytes of heap) that no request of ours can use.
 */
import { isUtf8 } from 'node:buffer';
import { ProblemError } from './problem.ts';

/** Deepest nesting of arrays and objects accepted; the API's own documents need 4. */
export const MAX_JSON_DEPTH = 16;

const STRUCTURE = /["[\]{}]/g;

/**
 * Whether `text` nests arrays and objects deeper than `max`, scanning only its structural characters
 * (strings skipped, so brackets inside them do not count). Malformed text is left to JSON.parse.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  STRUCTURE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = STRUCTURE.exec(text)) !== null) {
    const c = match[0];
    if (c === '"') {
      // To the closing quote: one not preceded by an odd number of backslashes.
      let at = STRUCTURE.lastIndex;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) return false;
        let backslashes = 0;
        while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
        at = quote + 1;
        if (backslashes % 2 === 0) break;
      }
      STRUCTURE.lastIndex = at;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return true;
    } else {
      depth--;
    }
  }
  return false;
}

export function parseJsonBody(body: Uint8Array): unknown {
  if (body.length === 0) {
    throw new ProblemError('malformed-request', 'the body is empty; a JSON document is required', { pointer: '(body)', code: 'BODY_REQUIRED' });
  }
  if (!isUtf8(body)) throw new ProblemError('malformed-request', 'the body is not valid UTF-8', { pointer: '(body)', code: 'INVALID_UTF8' });
  const text = Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8');
  if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
    throw new ProblemError('malformed-request', `the body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`, { pointer: '(body)', code: 'JSON_TOO_DEEP' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // V8's message names the position and the offending token; it carries nothing internal.
    throw new ProblemError('malformed-request', `the body is not valid JSON: ${(err as Error).message}`, { pointer: '(body)', code: 'INVALID_JSON' });
  }
  const bad = findBadMember(text, false) && findBadMember(text, true);
  if (bad !== undefined) {
    const detail = bad.name === '__proto__' ? 'the member name "__proto__" is not allowed' : `the member "${bad.name}" appears twice in one object`;
    throw new ProblemError('malformed-request', `${detail} (${bad.path || 'top level'})`, { pointer: bad.path || '(body)', code: bad.name === '__proto__' ? 'FORBIDDEN_MEMBER' : 'DUPLICATE_MEMBER' });
  }
  return value;
}

interface Frame {
  keys: Set<string> | null;
  /** Name of the member (or index, for arrays) currently being read in this container. */
  at: string;
  index: number;
}

/** Inside an array only these characters matter (when indices are not tracked). */
const ARRAY_STRUCTURE = /["{}[\]]/g;

/**
 * Scans JSON text already accepted by JSON.parse for a duplicate member name or `__proto__`; returns
 * it with its path (`inputs.close`). Iterative, so deep nesting cannot overflow the stack. Without
 * `paths`, array elements are skipped with a regular expression (long number arrays dominate request
 * bodies) and array indices in the path are not counted; run again with `paths` to name the place.
 */
export function findBadMember(text: string, paths = true): { name: string; path: string } | undefined {
  const stack: Frame[] = [];
  let expectKey = false;
  const pathOf = (name: string) => {
    let path = '';
    for (const f of stack.slice(0, -1)) path += f.keys ? (path === '' ? f.at : `.${f.at}`) : `[${f.index}]`;
    return path === '' ? name : `${path}.${name}`;
  };
  for (let i = 0; i < text.length; i++) {
    if (!paths && stack.length > 0 && stack[stack.length - 1]!.keys === null) {
      ARRAY_STRUCTURE.lastIndex = i;
      if (ARRAY_STRUCTURE.exec(text) === null) break;
      i = ARRAY_STRUCTURE.lastIndex - 1;
    }
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          escaped = true;
          i++;
        } else if (d === 34) break;
      }
      if (expectKey) {
        const frame = stack[stack.length - 1]!;
        const raw = text.slice(start, i + 1);
        const name = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        if (name === '__proto__' || frame.keys!.has(name)) return { name, path: pathOf(name) };
        frame.keys!.add(name);
        frame.at = name;
        expectKey = false;
      }
    } else if (c === 123) {
      stack.push({ keys: new Set(), at: '', index: 0 });
      expectKey = true;
    } else if (c === 91) {
      stack.push({ keys: null, at: '', index: 0 });
      expectKey = false;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
    } else if (c === 44) {
      const frame = stack[stack.length - 1];
      if (frame?.keys) expectKey = true;
      else if (frame) frame.index++;
    }
  }
  return undefined;
}
