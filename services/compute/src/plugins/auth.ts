/**
 * Authentication and authorisation of every API request (src/auth.ts has the tokens and scopes):
 * 401 without a valid bearer token, 403 when the token lacks the route's scope. Runs before routing
 * reveals anything, and before the upgrade of a WebSocket request. `request.client` is the token's
 * name (the rate-limit key, in logs). The credentials are read from `app.chitti.auth` on every request,
 * since SIGHUP replaces them.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { authenticate, scopeFor } from '../auth.ts';
import { ProblemError } from '../problem.ts';

const DETAIL = {
  missing: 'this API requires a bearer token: Authorization: Bearer <token>',
  malformed: 'the Authorization header must be "Bearer <token>"',
  invalid: 'the bearer token is not valid',
} as const;

async function auth(app: FastifyInstance): Promise<void> {
  const state = app.chitti;
  app.decorateRequest('client', undefined);
  app.addHook('onRequest', async (request) => {
    const auth = state.auth;
    if (auth.mode !== 'required') return;
    const result = authenticate(request.headers.authorization, auth.credentials);
    if (!result.ok) {
      const challenge = result.reason === 'missing' ? 'Bearer realm="chitti-compute"' : 'Bearer realm="chitti-compute", error="invalid_token"';
      throw new ProblemError('unauthorized', DETAIL[result.reason], { code: `TOKEN_${result.reason.toUpperCase()}` }, { 'WWW-Authenticate': challenge });
    }
    request.client = result.client;
    request.log = request.log.child({ client: result.client });
    const scope = scopeFor(request.method, request.routeOptions.url);
    if (scope !== undefined && !result.scopes.has(scope)) {
      throw new ProblemError('forbidden', `the token of client "${result.client}" does not have the "${scope}" scope this route needs`, { code: 'SCOPE_MISSING' });
    }
  });

  // Demo and tests only (CHITTI_FAULT_INJECTION=1): after authentication, so only callers may trigger it.
  if (state.faultInjection) {
    app.addHook('onRequest', async (request) => {
      if (request.headers['x-chitti-fault'] === 'error') {
        throw new ProblemError('internal', 'internal error (injected: x-chitti-fault with CHITTI_FAULT_INJECTION=1)', { code: 'INJECTED_FAULT' });
      }
    });
  }
}

export const authPlugin = fp(auth, { name: 'chitti-auth', dependencies: ['chitti-telemetry'] });
