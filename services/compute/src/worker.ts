/**
 * A worker thread of the pool (src/offload.ts): parses, validates and computes one large request
 * with its own copy of the kernels, so the main thread's event loop keeps serving small requests.
 * Returns the response body, or the problem, plus the kernel calls for the main thread's metrics.
 */
import { threadId } from 'node:worker_threads';
import { getIndicator, hasIndicator, wasmMemoryBytes } from '@chitti/kernels';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { Limits } from './config.ts';
import { batchJson } from './compute/batch.ts';
import { indicatorBinary, indicatorJson, type Query } from './compute/indicator.ts';
import { recordingKernels, type KernelCall } from './compute/kernels.ts';
import { parseJsonBody } from './json.ts';
import { toProblem, type ProblemExtensions, type ProblemSlug } from './problem.ts';

export type Task =
  | { kind: 'indicator-json'; id: string; body: Uint8Array; query: Query; limits: Limits }
  | { kind: 'indicator-binary'; id: string; body: Uint8Array; query: Query; limits: Limits }
  | { kind: 'batch'; body: Uint8Array; limits: Limits };

export type TaskResult = { thread: number; wasmBytes: number } & (
  | { ok: true; payload: string | Uint8Array; headers: Record<string, string>; calls: KernelCall[] }
  | { ok: false; problem: { slug: ProblemSlug; detail: string; extensions: ProblemExtensions }; calls: KernelCall[]; error?: string }
);

export default function run(task: Task): TaskResult {
  const result = handle(task);
  result.thread = threadId;
  result.wasmBytes = wasmMemoryBytes();
  // Hand a binary output over instead of copying it, when it is a whole ArrayBuffer.
  const bytes = result.ok ? result.payload : undefined;
  if (typeof bytes === 'string' || bytes === undefined || bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) return result;
  return move({ [transferableSymbol]: bytes.buffer, [valueSymbol]: result } as never) as unknown as TaskResult;
}

function handle(task: Task): TaskResult {
  const meta = { thread: 0, wasmBytes: 0 };
  const calls: KernelCall[] = [];
  const kernels = recordingKernels(calls);
  try {
    if (task.kind === 'batch') return { ...meta, ok: true, payload: batchJson(parseJsonBody(task.body), task.limits, kernels), headers: {}, calls };
    // The main thread checked the id before reading the body; a worker re-checks rather than trusts.
    if (!hasIndicator(task.id)) throw new Error(`unknown indicator ${task.id} reached a worker`);
    const def = getIndicator(task.id);
    if (task.kind === 'indicator-json') return { ...meta, ok: true, payload: indicatorJson(def, parseJsonBody(task.body), task.query, task.limits, kernels), headers: {}, calls };
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
