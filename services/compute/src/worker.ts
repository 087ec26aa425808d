/**
 * A worker thread of the pool (src/offload.ts): parses, validates and computes one large request
 * with its own copy of the kernels, so the main thread's event loop keeps serving small requests.
 * Returns the response body, or the problem, plus the kernel calls for the main thread's metrics.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, threadId } from 'node:worker_threads';
import { getIndicator, hasIndicator, wasmMemoryBytes } from '@chitti/kernels';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { Limits } from './settings.ts';
import { fullCollection, scavengeSoon } from './collect.ts';
import { patternsJson } from './handlers/patterns.ts';
import { batchJson } from './handlers/batch.ts';
import { indicatorBinary, indicatorJson, type Query } from './handlers/indicator.ts';
import { recordingKernels, type KernelCall } from './handlers/kernels.ts';
import { fastIndicatorJsonBytes, parseIndicatorBody } from './json-fast/index.ts';
import { parseJsonBody } from './json.ts';
import { toProblem, type ProblemExtensions, type ProblemSlug } from './problem.ts';

export type Task =
  | { kind: 'indicator-json'; id: string; body: Uint8Array; query: Query; limits: Limits }
  | { kind: 'indicator-binary'; id: string; body: Uint8Array; query: Query; limits: Limits }
  | { kind: 'batch'; body: Uint8Array; limits: Limits }
  | { kind: 'patterns'; body: Uint8Array; limits: Limits };

/**
 * `heapUsed` and `heapTotal` are this worker's own V8 heap as the task ends, garbage included (the
 * main thread's `nodejs_heap_*` metrics do not include workers): the high-water mark of the task,
 * before the idle-time collection below.
 */
export type TaskResult = { thread: number; wasmBytes: number; heapUsed: number; heapTotal: number } & (
  | { ok: true; payload: string | Uint8Array; headers: Record<string, string>; calls: KernelCall[] }
  | { ok: false; problem: { slug: ProblemSlug; detail: string; extensions: ProblemExtensions }; calls: KernelCall[]; error?: string }
);

/**
 * Idle-time collection. V8 collects only when allocation needs it, and a worker allocates only while
 * it runs a task: the garbage of the last large request (its body, the parsed arrays, the response
 * text: 100 MB and more for a million points) stayed resident for as long as the worker waited, and
 * the heap grew from one GC to the next. So once a worker has had no task for IDLE_GC_MS, it collects
 * (measured in RELIABILITY.md, Soak). The pool runs with `atomics: 'async'` (src/offload.ts) so that
 * a worker's event loop, and this timer, run between tasks. Where gc() cannot be exposed
 * (src/collect.ts) there is no idle collection. Each task is also followed by a scavenge (collect.ts),
 * which frees its buffers outside the heap without waiting for a full collection.
 */
export const IDLE_GC_MS = 1000;
let idleTimer: NodeJS.Timeout | undefined;

/**
 * Sent to the pool after each idle-time collection: a heap still over WORKER_RECYCLE_HEAP_MB after
 * it gets the worker replaced (src/offload.ts), since V8 keeps a grown heap's pages.
 */
export interface HeapReport {
  type: 'chitti:heap';
  thread: number;
  heapTotal: number;
}

function collectAndReport(): void {
  fullCollection!();
  const report: HeapReport = { type: 'chitti:heap', thread: threadId, heapTotal: getHeapStatistics().total_heap_size };
  parentPort?.postMessage(report);
}

function collectWhenIdle(): void {
  if (!fullCollection) return;
  if (idleTimer) idleTimer.refresh();
  else idleTimer = setTimeout(collectAndReport, IDLE_GC_MS).unref();
}

export default function run(task: Task): TaskResult {
  const result = handle(task);
  result.thread = threadId;
  result.wasmBytes = wasmMemoryBytes();
  // A JSON response is encoded here and its bytes handed over (below), not sent as a string: a string
  // would be copied into the main thread's heap (18 MB for a million points) and encoded again there,
  // into a malloc'd buffer, to be written (RELIABILITY.md, Soak, measures the difference).
  if (result.ok && typeof result.payload === 'string') result.payload = Buffer.from(result.payload, 'utf8');
  const heap = getHeapStatistics();
  result.heapUsed = heap.used_heap_size;
  result.heapTotal = heap.total_heap_size;
  collectWhenIdle();
  scavengeSoon();
  // Hand a binary output over instead of copying it, when it is a whole ArrayBuffer.
  const bytes = result.ok ? result.payload : undefined;
  if (typeof bytes === 'string' || bytes === undefined || bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) return result;
  return move({ [transferableSymbol]: bytes.buffer, [valueSymbol]: result } as never) as unknown as TaskResult;
}

function handle(task: Task): TaskResult {
  const meta = { thread: 0, wasmBytes: 0, heapUsed: 0, heapTotal: 0 };
  const calls: KernelCall[] = [];
  const kernels = recordingKernels(calls);
  try {
    if (task.kind === 'batch') return { ...meta, ok: true, payload: batchJson(parseJsonBody(task.body), task.limits, kernels), headers: {}, calls };
    if (task.kind === 'patterns') return { ...meta, ok: true, payload: patternsJson(parseJsonBody(task.body), task.limits, kernels), headers: {}, calls };
    // The main thread checked the id before reading the body; a worker re-checks rather than trusts.
    if (!hasIndicator(task.id)) throw new Error(`unknown indicator ${task.id} reached a worker`);
    const def = getIndicator(task.id);
    if (task.kind === 'indicator-json') {
      const fast = parseIndicatorBody(task.body);
      const payload = fast ? fastIndicatorJsonBytes(def, fast, task.query, task.limits, kernels) : indicatorJson(def, parseJsonBody(task.body), task.query, task.limits, kernels);
      return { ...meta, ok: true, payload, headers: {}, calls };
    }
    const out = indicatorBinary(def, task.body, task.query, task.limits, kernels);
    const bytes = new Uint8Array(out.body.buffer, out.body.byteOffset, out.body.length);
    return { ...meta, ok: true, payload: bytes, headers: out.headers, calls };
  } catch (err) {
    const problem = toProblem(err);
    const result: TaskResult = { ...meta, ok: false, problem: { slug: problem.type.slug as ProblemSlug, detail: problem.message, extensions: problem.extensions }, calls };
    // An unexpected error: its message travels for the main thread's log line (never to the client).
    if (problem.type.slug === 'internal') result.error = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
    return result;
  }
}
