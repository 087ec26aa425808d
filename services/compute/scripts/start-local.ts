/**
 * `npm start`: the service for local development on a fresh machine. Unless authentication is
 * configured (API_AUTH, API_TOKENS or API_TOKENS_FILE), it runs with API_AUTH=disabled — which the
 * service announces loudly — and binds to loopback only (HOST, METRICS_HOST default 127.0.0.1), so an
 * unauthenticated API is never reachable from another machine by accident. Production runs
 * `node src/main.ts`, which refuses to start without tokens unless API_AUTH=disabled is explicit.
 */
const env = process.env;
if (env.API_AUTH === undefined && !env.API_TOKENS && !env.API_TOKENS_FILE) {
  env.API_AUTH = 'disabled';
  env.HOST ??= '127.0.0.1';
  env.METRICS_HOST ??= '127.0.0.1';
}
await import('../src/main.ts');
