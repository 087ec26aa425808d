import type { Context, Span } from '@opentelemetry/api';
import type { Auth } from './auth.ts';
import type { Limits } from './config.ts';
import type { Metrics } from './metrics.ts';
import type { Offload } from './offload.ts';
import type { Runner } from './runner.ts';
import type { SelfCheck } from './speedup.ts';

/** Per-app state shared by the routes, the admin server and the lifecycle code. */
export interface ServiceState {
  version: string;
  limits: Limits;
  metrics: Metrics | undefined;
  runner: Runner;
  /** The worker pool for large requests. */
  offload: Offload;
  auth: Auth;
  /** Honour `x-chitti-fault` request headers (CHITTI_FAULT_INJECTION=1; demo and tests only). */
  faultInjection: boolean;
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
    /** The authenticated client's name (its token's name), when authentication is on. */
    client: string | undefined;
  }
}
