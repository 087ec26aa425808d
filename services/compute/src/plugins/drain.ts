/**
 * Shutdown as requests see it. `draining` (SIGTERM, readiness false): nothing changes for requests,
 * so keep-alive clients keep their connections instead of reconnecting. `closing` (the listeners
 * have stopped accepting, src/listeners.ts): every response carries `Connection: close`, so each
 * open connection ends after its next answer, and a new WebSocket upgrade gets 503 SHUTTING_DOWN.
 * Requests already on an open connection are served, not refused: the client sent them before
 * the listener closed, and its connection closes cleanly after the answer.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError } from '../problem.ts';
import { isUpgrade } from './upgrades.ts';

async function drain(app: FastifyInstance): Promise<void> {
  const state = app.chitti;
  app.addHook('onRequest', async (request) => {
    if (state.closing && isUpgrade(request)) {
      throw new ProblemError('overloaded', 'the service is shutting down; reconnect to another instance', { code: 'SHUTTING_DOWN' }, { 'Retry-After': '1' });
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (state.closing) reply.header('Connection', 'close');
    return payload;
  });
}

export const drainPlugin = fp(drain, { name: 'chitti-drain' });
