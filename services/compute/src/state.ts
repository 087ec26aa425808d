import type { Socket } from 'node:net';
import type { Context, Span } from '@opentelemetry/api';
import type { Auth } from './auth.ts';
import type { Connections } from './connections.ts';
import type { Metrics } from './metrics.ts';
import type { Offload } from './offload.ts';
import type { Runner } from './kernel-runner.ts';
import type { Limits, Timeouts } from './settings.ts';
import type { SelfCheck } from './speedup.ts';
import type { StateBudget } from './stream/budget.ts';

/** What shutdown needs of a WebSocket. */
export interface StreamSocket {
  close(code: number, reason: string): void;
  terminate(): void;
}

/** Per-app state shared by the routes, the admin server and the lifecycle code. */
export interface ServiceState {
  version: string;
  limits: Limits;
  timeouts: Timeouts;
  metrics: Metrics | undefined;
  runner: Runner;
  /** The worker pool for large requests. */
  offload: Offload;
  /** Client connections of both listeners. */
  connections: Connections;
  /** Open /v1/stream WebSockets (closed with 1001 at shutdown). */
  websockets: Set<StreamSocket>;
  /** Bytes of stream state held by every WebSocket connection of this process (MAX_STREAM_STATE_BYTES). */
  streamState: StateBudget;
  auth: Auth;
  /** Honour `x-chitti-fault` request headers (CHITTI_FAULT_INJECTION=1; demo and tests only). */
  faultInjection: boolean;
  /** Kernels loaded and their self-check passed (set once the app is ready). */
  selfCheck: SelfCheck | undefined;
  /** SIGTERM received: readiness is false; requests are still served as usual. */
  draining: boolean;
  /** Listeners have stopped accepting: responses close their connections, new WebSockets get 503. */
  closing: boolean;
  /** Node's 'clientError' handler (problem+json, counted cut), for servers fastify did not create. */
  onClientError: (err: NodeJS.ErrnoException, socket: Socket) => void;
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
