/**
 * An upgrade request answered over HTTP (401, 403, 404, 429, 503...) owns a socket the HTTP server
 * no longer tracks (Node handed it to the 'upgrade' event): the answer says `Connection: close` and
 * the socket is ended after it, or it would stay open until the client left.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** A request that arrived through the server's 'upgrade' event (Node's parser sets `upgrade`, untyped). */
export function isUpgrade(request: FastifyRequest): boolean {
  return (request.raw as IncomingMessage & { upgrade?: boolean }).upgrade === true;
}

async function upgrades(app: FastifyInstance): Promise<void> {
  app.addHook('onSend', async (request, reply, payload) => {
    if (isUpgrade(request)) reply.header('Connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (request) => {
    if (isUpgrade(request)) request.raw.socket.end();
  });
}

export const upgradesPlugin = fp(upgrades, { name: 'chitti-upgrades' });
