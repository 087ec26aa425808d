/**
 * The worker pool for large requests (piscina): JSON bodies of at least WORKER_JSON_BYTES and binary
 * bodies of at least WORKER_BINARY_POINTS points are parsed, computed and encoded in a worker thread
 * so the main event loop keeps answering small requests. At most WORKER_QUEUE large requests wait for
 * a worker; beyond that they get 503 with Retry-After instead of piling up in memory.
 */
import type { Context } from '@opentelemetry/api';
import { Piscina } from 'piscina';
import type { WorkerConfig } from './config.ts';
import { ProblemError } from './problem.ts';
import type { Runner } from './runner.ts';
import type { Task, TaskResult } from './worker.ts';

export const WORKER_FILE = new URL('./worker.ts', import.meta.url).href;

/** A JSON body big enough to be parsed in a worker; the content-type parser returns it unparsed. */
export class LargeJson {
  readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }
}

export interface Offloaded {
  payload: string | Uint8Array;
  headers: Record<string, string>;
}

/** An internal error thrown in a worker, with its message for the log (never for the client). */
export class WorkerError extends Error {}

export class Offload {
  readonly config: WorkerConfig;
  private readonly pool: Piscina | undefined;
  private readonly runner: Runner;
  /** Each worker thread's latest memory report, by thread id. */
  private readonly reports = new Map<number, Pick<TaskResult, 'wasmBytes' | 'heapUsed' | 'heapTotal'>>();

  constructor(config: WorkerConfig, runner: Runner) {
    this.config = config;
    this.runner = runner;
    // `atomics: 'async'`: an idle worker waits with Atomics.waitAsync, not Atomics.wait, so its event
    // loop keeps turning between tasks and its idle-time collection (src/worker.ts) can run.
    this.pool = config.threads > 0
      ? new Piscina({ filename: WORKER_FILE, minThreads: config.threads, maxThreads: config.threads, maxQueue: config.queue, idleTimeout: 60_000, atomics: 'async' })
      : undefined;
  }

  get enabled(): boolean {
    return this.pool !== undefined;
  }

  /** Whether a JSON body of this size goes to a worker. */
  json(bytes: number): boolean {
    return this.pool !== undefined && bytes >= this.config.jsonBytes;
  }

  /** Whether a binary body of this many points per input goes to a worker. */
  binary(points: number): boolean {
    return this.pool !== undefined && Number.isInteger(points) && points >= this.config.binaryPoints;
  }

  /** Large requests waiting for a worker. */
  get queued(): number {
    return this.pool?.queueSize ?? 0;
  }

  async run(ctx: Context, task: Task): Promise<Offloaded> {
    if (!this.pool) throw new Error('worker pool disabled');
    // A body that owns its whole ArrayBuffer is handed over, not copied.
    const body = task.body;
    const transferList = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? [body.buffer as ArrayBuffer] : [];
    let result: TaskResult;
    try {
      result = (await this.pool.run(task, { transferList })) as TaskResult;
    } catch (err) {
      if (err instanceof Error && /queue is at limit|No task queue available/.test(err.message)) {
        throw new ProblemError('overloaded', `${this.config.queue} large requests are already waiting for a worker (WORKER_QUEUE); retry later`, { code: 'QUEUE_FULL' }, { 'Retry-After': '1' });
      }
      throw err;
    }
    this.reports.set(result.thread, { wasmBytes: result.wasmBytes, heapUsed: result.heapUsed, heapTotal: result.heapTotal });
    this.runner.replay(ctx, result.calls);
    if (result.ok) return { payload: result.payload, headers: result.headers };
    if (result.error !== undefined) throw new WorkerError(result.error);
    throw new ProblemError(result.problem.slug, result.problem.detail, result.problem.extensions);
  }

  /** WebAssembly memory of the workers, summed over their latest reports. */
  get wasmMemoryBytes(): number {
    let sum = 0;
    for (const r of this.reports.values()) sum += r.wasmBytes;
    return sum;
  }

  /**
   * The workers' own V8 heaps (used and total bytes), summed over their latest reports: each task's
   * end, before the worker's idle-time collection (src/worker.ts), so the high point of its last task.
   */
  get workerHeapBytes(): { used: number; total: number } {
    let used = 0;
    let total = 0;
    for (const r of this.reports.values()) {
      used += r.heapUsed;
      total += r.heapTotal;
    }
    return { used, total };
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
