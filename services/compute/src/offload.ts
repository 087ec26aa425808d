/**
 * The worker pool for large requests (piscina): JSON bodies of at least WORKER_JSON_BYTES and binary
 * bodies of at least WORKER_BINARY_POINTS points are parsed, computed and encoded in a worker thread
 * so the main event loop keeps answering small requests. At most WORKER_QUEUE large requests wait for
 * a worker; beyond that they get 503 with Retry-After instead of piling up in memory.
 *
 * Worker memory is bounded: each thread's V8 old generation is capped at WORKER_MAX_HEAP_MB (a
 * request needing more fails with 413 and piscina starts a fresh thread), and a thread whose heap
 * has grown past WORKER_RECYCLE_HEAP_MB (at the end of a task, or still after its idle collection)
 * gets no new task and is replaced once idle, so one huge request does not leave its heap resident.
 */
import type { Context } from '@opentelemetry/api';
import type { FastifyBaseLogger } from 'fastify';
import { Piscina } from 'piscina';
import type { Metrics } from './metrics.ts';
import { ProblemError } from './problem.ts';
import type { Runner } from './kernel-runner.ts';
import type { WorkerConfig } from './settings.ts';
import type { HeapReport, Task, TaskResult } from './worker.ts';

export const WORKER_FILE = new URL('./worker.ts', import.meta.url).href;

const MiB = 2 ** 20;

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

interface PoolWorker {
  id: number;
  currentUsage: number;
}

export class Offload {
  readonly config: WorkerConfig;
  private readonly pool: Piscina | undefined;
  private readonly runner: Runner;
  private readonly metrics: Metrics | undefined;
  private readonly log: FastifyBaseLogger | undefined;
  /** Each worker thread's latest memory report, by thread id. */
  private readonly reports = new Map<number, Pick<TaskResult, 'wasmBytes' | 'heapUsed' | 'heapTotal'>>();
  /** Threads that get no new task and are terminated once idle (heap grown). */
  private readonly retiring = new Set<number>();
  /** Threads we terminated ourselves (their exit is counted as heap_grown). */
  private readonly recycled = new Set<number>();
  /** piscina's live view of each thread (its current task count), from its workerCreate event. */
  private readonly threads = new Map<number, PoolWorker>();
  /** Out-of-memory task failures not yet matched with their worker's exit. */
  private outOfMemory = 0;
  private closing = false;

  constructor(config: WorkerConfig, runner: Runner, metrics?: Metrics, log?: FastifyBaseLogger) {
    this.config = config;
    this.runner = runner;
    this.metrics = metrics;
    this.log = log;
    if (config.threads <= 0) {
      this.pool = undefined;
      return;
    }
    // `atomics: 'async'`: an idle worker waits with Atomics.waitAsync, not Atomics.wait, so its event
    // loop keeps turning between tasks and its idle-time collection (src/worker.ts) can run.
    this.pool = new Piscina({
      filename: WORKER_FILE,
      minThreads: config.threads,
      maxThreads: config.threads,
      maxQueue: config.queue,
      idleTimeout: 60_000,
      atomics: 'async',
      resourceLimits: { maxOldGenerationSizeMb: config.maxHeapMb },
      // One task per worker, never to one being retired.
      loadBalancer: (_task, workers) => this.pick(workers as Iterable<PoolWorker>) as never,
    });
    this.pool.on('workerCreate', (worker: PoolWorker) => {
      const id = worker.id;
      this.threads.set(id, worker);
      // The thread's own exit event (piscina's workerDestroy reports a terminated thread's id as -1).
      this.pool?.threads.find((w) => w.threadId === id)?.once('exit', () => this.destroyed(id));
    });
    // A worker that fails with no task running is reported here; piscina replaces it.
    this.pool.on('error', (err: Error) => this.log?.error({ err }, 'worker thread failed'));
    // Heap reports a worker sends after its idle-time collection.
    this.pool.on('message', (message: unknown) => {
      const report = message as Partial<HeapReport> | null;
      if (report?.type === 'chitti:heap' && typeof report.thread === 'number' && typeof report.heapTotal === 'number') this.checkGrowth(report.thread, report.heapTotal);
    });
  }

  private pick(workers: Iterable<PoolWorker>): PoolWorker | null {
    for (const worker of workers) if (worker.currentUsage === 0 && !this.retiring.has(worker.id)) return worker;
    return null;
  }

  /** A worker left the pool: count why (deferred, so that the failed task's error is seen first). */
  private destroyed(thread: number): void {
    this.threads.delete(thread);
    this.reports.delete(thread);
    this.retiring.delete(thread);
    if (this.closing) return;
    if (this.recycled.delete(thread)) {
      this.metrics?.workerReplacements.inc({ reason: 'heap_grown' });
      return;
    }
    setImmediate(() => {
      if (this.outOfMemory > 0) {
        this.outOfMemory--;
        this.metrics?.workerReplacements.inc({ reason: 'out_of_memory' });
      } else {
        this.metrics?.workerReplacements.inc({ reason: 'exited' });
      }
    });
  }

  /** Retires a thread whose heap is over WORKER_RECYCLE_HEAP_MB, and terminates a retired one once idle. */
  private checkGrowth(thread: number, heapTotal: number): void {
    if (!this.pool || this.closing) return;
    if (!this.retiring.has(thread)) {
      if (heapTotal <= this.config.recycleHeapMb * MiB) return;
      this.log?.warn({ thread, heapMiB: Math.round(heapTotal / MiB), limitMiB: this.config.recycleHeapMb }, 'worker heap grew past WORKER_RECYCLE_HEAP_MB; replacing the worker once idle');
      this.retiring.add(thread);
    }
    this.terminateIfIdle(thread);
  }

  private terminateIfIdle(thread: number): void {
    // After the event loop turn: piscina marks a worker free before resolving its task, and may have
    // handed it a queued task first; then its end (run) checks again.
    setImmediate(() => {
      const worker = this.pool?.threads.find((w) => w.threadId === thread);
      if (!worker || !this.retiring.has(thread) || (this.threads.get(thread)?.currentUsage ?? 0) > 0) return;
      this.recycled.add(thread);
      void worker.terminate();
    });
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
      if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.outOfMemory++;
        throw new ProblemError('payload-too-large', `computing this request needs more than the ${this.config.maxHeapMb} MiB a worker thread may use (WORKER_MAX_HEAP_MB); send smaller series or fewer of them`, { code: 'WORKER_MEMORY' });
      }
      throw err;
    }
    this.reports.set(result.thread, { wasmBytes: result.wasmBytes, heapUsed: result.heapUsed, heapTotal: result.heapTotal });
    this.checkGrowth(result.thread, result.heapTotal);
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
    this.closing = true;
    await this.pool?.destroy();
  }
}
