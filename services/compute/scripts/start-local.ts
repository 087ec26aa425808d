/**
 * `npm start`: the service for local development on a fresh machine. Unless authentication is
 * configured (API_AUTH, API_TOKENS or API_TOKENS_FILE), it runs with API_AUTH=disabled — which the
 * service announces loudly — and binds to loopback only (HOST, METRICS_HOST default 127.0.0.1), so an
 * unauthenticated API is never reachable from another machine by accident. Production runs
 * `node src/main.ts`, which refuses to start without tokens unless API_AUTH=disabled is explicit.
 *
 * Signals: the npm scripts `exec` this file, so npm's shell is replaced by node and the SIGTERM or
 * SIGINT npm forwards reaches the service, which drains (src/server.ts). Should the parent go away
 * without forwarding anything (npm killed with SIGKILL, another runner), this process would be
 * re-parented and keep serving: it notices and drains as on SIGTERM.
 */
const env = process.env;
if (env.API_AUTH === undefined && !env.API_TOKENS && !env.API_TOKENS_FILE) {
  env.API_AUTH = 'disabled';
  env.HOST ??= '127.0.0.1';
  env.METRICS_HOST ??= '127.0.0.1';
}

const parent = process.ppid;
if (parent > 1) {
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.stderr.write(`chitti-compute: parent process ${parent} is gone; shutting down\n`);
    process.kill(process.pid, 'SIGTERM');
  }, 1000);
  watch.unref();
}

await import('../src/main.ts');
