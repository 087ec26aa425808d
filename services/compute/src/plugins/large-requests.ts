/**
 * Memory of large requests (src/collect.ts). A request whose Content-Length, or whose body read as
 * bytes (a chunked upload), is at least LARGE_BODY_BYTES is followed by a scavenge, and once its
 * response has been written whole with a 2xx status, its body and its response bytes (when sent
 * through oneResponse) are freed at once: their memory is outside V8's heap, and a buffer still in use
 * by another request in flight when a scavenge comes is promoted, after which only a full collection
 * frees it. Measured in the service
 * benchmark's 100k-point binary case (4 connections): full collections every 35 requests without the
 * freeing, every 1,000 or so with it, and about half the server CPU per request.
 * Only after a 2xx: the handler produced that response, so it is done with the body (a timeout's 503
 * may be sent while a queued worker task still holds it), and only once writableFinished: every write
 * has completed, so no pending socket write still points into the response bytes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { freeNow, scavengeSoon } from '../collect.ts';

export const LARGE_BODY_BYTES = 256 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** The response's bytes, when made for it alone (oneResponse). */
    oneResponse: Uint8Array | undefined;
  }
}

/**
 * Records `bytes` as made for this response and referenced nowhere else, to be freed once it is
 * written if the request is large (freeNow frees only bytes that span their buffer, never Node's pool).
 * Returns `bytes`, for reply.send.
 */
export function oneResponse(reply: FastifyReply, bytes: Uint8Array): Uint8Array {
  reply.request.oneResponse = bytes;
  return bytes;
}

function isLarge(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) >= LARGE_BODY_BYTES;
  return request.body instanceof Uint8Array && request.body.byteLength >= LARGE_BODY_BYTES;
}

async function largeRequests(app: FastifyInstance): Promise<void> {
  app.decorateRequest('oneResponse', undefined);
  app.addHook('onResponse', async (request, reply) => {
    if (!isLarge(request)) return;
    if (reply.statusCode >= 200 && reply.statusCode < 300 && reply.raw.writableFinished) {
      freeNow(request.body);
      freeNow(request.oneResponse);
    }
    request.oneResponse = undefined;
    scavengeSoon();
  });
}

export const largeRequestsPlugin = fp(largeRequests, { name: 'chitti-large-requests' });
