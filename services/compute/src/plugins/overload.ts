/**
 * Overload and shedding: past any bound a new request gets 503 /problems/overloaded with
 * Retry-After at once instead of queueing (queueing in socket buffers is invisible to anything but
 * the loop delay). Bounds: requests in progress (MAX_IN_FLIGHT), event-loop delay
 * (MAX_EVENT_LOOP_DELAY_MS, measured by src/loop-delay.ts), used heap (MAX_HEAP_USED_BYTES, sampled
 * by @fastify/under-pressure). `app.overload.current()` exposes the last two to the WebSocket
 * handler, whose messages are shed by the same rules (src/routes/stream.ts).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import underPressure from '@fastify/under-pressure';
import { LoopDelay } from '../loop-delay.ts';
import { ProblemError } from '../problem.ts';
import { isUpgrade } from './upgrades.ts';
import type { OverloadBounds } from '../settings.ts';

export interface Overload {
  /** Why new work is refused right now (event loop or heap), or undefined. */
  current(): ProblemError | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    overload: Overload;
  }
}

const MiB = 2 ** 20;

async function overload(app: FastifyInstance, bounds: OverloadBounds): Promise<void> {
  const { maxInFlight, maxEventLoopDelayMs, maxHeapUsedBytes } = bounds;

  // Requests in progress: each holds buffers and CPU ahead of the next. A WebSocket upgrade is not
  // counted: the request turns into a long-lived connection, with its own limits (src/routes/stream.ts).
  let inFlight = 0;
  if (maxInFlight > 0) {
    app.addHook('onRequest', async (request, reply) => {
      if (isUpgrade(request)) return;
      inFlight++;
      reply.raw.once('close', () => inFlight--);
      if (inFlight > maxInFlight) {
        throw new ProblemError('overloaded', `${maxInFlight} requests are already in progress (MAX_IN_FLIGHT); retry later`, { code: 'IN_FLIGHT' }, { 'Retry-After': '1' });
      }
    });
  }

  const delay = maxEventLoopDelayMs > 0 ? new LoopDelay() : undefined;
  if (delay) app.addHook('onClose', async () => delay.stop());
  const heapProblem = (used: number) =>
    new ProblemError('overloaded', `the heap holds ${Math.round(used / MiB)} MiB (MAX_HEAP_USED_BYTES ${Math.round(maxHeapUsedBytes / MiB)} MiB); retry later`, { code: 'HEAP_USED' }, { 'Retry-After': '5' });
  const delayProblem = () =>
    new ProblemError('overloaded', `the event loop is ${Math.round(delay!.current)} ms behind (MAX_EVENT_LOOP_DELAY_MS ${maxEventLoopDelayMs}); retry later`, { code: 'EVENT_LOOP_DELAY' }, { 'Retry-After': '5' });

  if (maxHeapUsedBytes > 0) {
    // Samples process.memoryUsage() every 250 ms; its own onRequest check is the HEAP_USED 503.
    await app.register(underPressure, {
      maxHeapUsedBytes,
      sampleInterval: 250,
      exposeStatusRoute: false,
      pressureHandler: (_request, _reply, _type, value) => Promise.reject(heapProblem(Number(value))),
    });
  }
  if (delay) {
    app.addHook('onRequest', async () => {
      if (delay.current > maxEventLoopDelayMs) throw delayProblem();
    });
  }

  app.decorate('overload', {
    current(): ProblemError | undefined {
      if (delay && delay.current > maxEventLoopDelayMs) return delayProblem();
      if (maxHeapUsedBytes > 0) {
        const used = app.memoryUsage().heapUsed;
        if (used > maxHeapUsedBytes) return heapProblem(used);
      }
      return undefined;
    },
  });
}

export const overloadPlugin = fp(overload, { name: 'chitti-overload', dependencies: ['chitti-telemetry'] });
