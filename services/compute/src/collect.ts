/**
 * Explicit garbage collection for large requests. A large request (a JSON body of megabytes, its
 * parsed arrays, the response) lives mostly in memory outside V8's heap: ArrayBuffers whose few
 * bytes of JavaScript object are all the heap sees. Such memory is freed when its objects are
 * collected, and young objects are collected by scavenges, which come when the young generation
 * fills; a large request fills it little, so V8 reached its limit for memory outside the heap (64 MB
 * more than after the last full collection) first, and ran full collections instead (measured with
 * --trace-gc: 264 in 10 s of the service benchmark's 100k-point JSON case, about 900 requests, main
 * thread and worker together; perf: about a third of such a request's CPU in marking and sweeping). One
 * scavenge after each large request frees that memory for the price of collecting the young
 * generation.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options?: { type?: 'major' | 'minor' }) => void;

/**
 * V8's gc(): the global one under `node --expose-gc`, else exposed through V8's flag and a new
 * context (a worker's execArgv cannot take V8 flags); undefined where that fails.
 */
function exposeGc(): Gc | undefined {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as Gc;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as Gc) : undefined;
  } catch {
    return undefined;
  }
}

const gc = exposeGc();

/** A full collection, where gc() could be exposed. */
export const fullCollection: (() => void) | undefined = gc && (() => gc());

let scavengeScheduled = false;
/** Scavenges counted since start (for tests). */
export let scavengesRun = 0;

/**
 * A scavenge once the current event-loop turn is done (the finished request's objects are garbage
 * by then); calls in the same turn share it. Nothing where gc() could not be exposed.
 */
export function scavengeSoon(): void {
  if (!gc || scavengeScheduled) return;
  scavengeScheduled = true;
  setImmediate(() => {
    scavengeScheduled = false;
    scavengesRun++;
    gc({ type: 'minor' });
  });
}

/**
 * Frees the memory under `bytes` at once, where `bytes` spans its whole ArrayBuffer (which is then
 * detached: every view of it reads as empty); anything else is left to the collector. For buffers
 * made for one request and done with: a collection frees memory outside the heap only once it finds
 * the buffer dead, and a buffer still in use when a scavenge comes is promoted, after which only a
 * full collection frees it (measured: in the service benchmark's 100k-point binary case, with 4
 * requests in flight, one full collection every 35 requests). Returns whether it freed anything.
 */
export function freeNow(bytes: unknown): boolean {
  if (!(bytes instanceof Uint8Array) || !spansItsBuffer(bytes)) return false;
  const buffer = bytes.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  // transfer(0) detaches the buffer and releases its memory (Node 24); structuredClone moves it into
  // a new, unreferenced buffer that the next scavenge frees (older Node).
  if (typeof buffer.transfer === 'function') buffer.transfer(0);
  else structuredClone(buffer, { transfer: [buffer] });
  return true;
}

/** Whether `bytes` is the whole of a (non-empty, not shared) ArrayBuffer, as Node's pooled small Buffers are not. */
function spansItsBuffer(bytes: Uint8Array): boolean {
  return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.byteLength > 0;
}
