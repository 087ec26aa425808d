/**
 * Messages between the cluster primary and its workers (node:cluster's IPC channel, "advanced"
 * serialization so NaN and Infinity survive). The primary asks; a worker answers from its own app.
 */
import type { Worker } from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import { readiness } from '../app.ts';
import type { ScopeMetrics } from '@opentelemetry/sdk-metrics';
import type { MetricJson } from './aggregate.ts';

export interface Readiness {
  ready: boolean;
  reason: string;
}

export type Question = 'metrics' | 'ready';

export interface Ask {
  type: 'chitti:ask';
  id: number;
  question: Question;
}

export interface Answer {
  type: 'chitti:answer';
  id: number;
  metrics?: MetricJson[];
  /** The worker's OpenTelemetry metric data (plain objects: they survive the structured clone). */
  otel?: ScopeMetrics[];
  ready?: Readiness;
  error?: string;
}

/** A worker tells the primary it accepts requests (once, after both listeners are up). */
export interface Listening {
  type: 'chitti:listening';
  port: number;
  socket: string | null;
}

export type FromWorker = Answer | Listening;

export function isFromWorker(message: unknown): message is FromWorker {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'chitti:answer' || type === 'chitti:listening';
}

/** Worker side: answer the primary's questions about this process's app. */
export function answerPrimary(app: FastifyInstance): void {
  process.on('message', (message: unknown) => {
    const ask = message as Partial<Ask> | null;
    if (ask?.type !== 'chitti:ask' || typeof ask.id !== 'number') return;
    const reply = (answer: Omit<Answer, 'type' | 'id'>) => process.send?.({ type: 'chitti:answer', id: ask.id, ...answer });
    if (ask.question === 'ready') {
      reply({ ready: readiness(app) });
    } else if (ask.question === 'metrics') {
      const metrics = app.chitti.metrics;
      if (!metrics) reply({ metrics: [], otel: [] });
      else
        Promise.all([metrics.registry.getMetricsAsJSON(), metrics.otel?.collect() ?? []]).then(
          ([json, otel]) => reply({ metrics: json as unknown as MetricJson[], otel }),
          (err: Error) => reply({ error: err.message }),
        );
    }
  });
}

/** Primary side: questions to workers, matched to answers by id, each with a deadline. */
export class Questions {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  ask(worker: Worker, question: Question, timeoutMs: number): Promise<Answer> {
    const id = this.next++;
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`worker pid ${worker.process.pid} did not answer "${question}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const message: Ask = { type: 'chitti:ask', id, question };
      try {
        worker.send(message);
      } catch (err) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(err as Error);
      }
    });
  }

  /** Called with every answer a worker sends. */
  settle(answer: Answer): void {
    const entry = this.pending.get(answer.id);
    if (!entry) return; // too late: the question timed out
    this.pending.delete(answer.id);
    clearTimeout(entry.timer);
    if (answer.error) entry.reject(new Error(answer.error));
    else entry.resolve(answer);
  }
}
