import type { Context, Span } from '@opentelemetry/api';
import type { Limits } from './config.ts';
import type { Metrics } from './metrics.ts';
import type { Runner } from './runner.ts';
import type { SelfCheck } from './speedup.ts';

/** Per-app state shared by the routes, the admin server and the lifecycle code. */
export interface ServiceState {
  version: string;
  limits: Limits;
  metrics: Metrics | undefined;
  runner: Runner;
  /** Kernels loaded and their self-check passed (set once the app is ready). */
  selfCheck: SelfCheck | undefined;
  /** SIGTERM received: readiness is false; requests are still served until `closing`. */
  draining: boolean;
  /** Listeners are closing: requests on still-open keep-alive connections get 503. */
  closing: boolean;
}

export interface RequestTelemetry {
  span: Span;
  /** The context holding the request's span: the parent of kernel spans. */
  context: Context;
  start: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    chitti: ServiceState;
  }
  interface FastifyRequest {
    telemetry: RequestTelemetry;
  }
}
