/**
 * A scavenge after each large request (src/collect.ts): its body and response are memory outside the
 * heap that only a collection frees, and without this only a full one came, every 64 MB of it
 * (measured: about half the server CPU of a 100k-point binary request in V8's marking and sweeping).
 * After the response has finished, its buffers are garbage too. Requests of at least
 * LARGE_BODY_BYTES by their Content-Length; calls in one event-loop turn share a scavenge.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { scavengeSoon } from '../collect.ts';

export const LARGE_BODY_BYTES = 256 * 1024;

async function largeRequests(app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', async (request) => {
    const length = request.headers['content-length'];
    if (length !== undefined && Number(length) >= LARGE_BODY_BYTES) scavengeSoon();
  });
}

export const largeRequestsPlugin = fp(largeRequests, { name: 'chitti-large-requests' });
