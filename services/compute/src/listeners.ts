/**
 * The same app on TCP (fastify's own server) and on a Unix socket (a second http.Server handing its
 * requests to the app's router). Counts connections per listener and closes both on app.close().
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, unlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Listener } from './metrics.ts';
import { websocketUpgradesOnly } from './routes/stream.ts';

export interface ListenOptions {
  host: string;
  port: number;
  /** '' for no Unix socket. */
  socket: string;
  /** Group owning the socket (name or numeric gid); '' or absent: the process's group. */
  socketGroup?: string;
  /**
   * A cluster worker: the cluster primary binds the socket path for all workers (it cleared any
   * stale file before forking and removes the file at exit), so this process neither probes nor
   * unlinks it.
   */
  clusterWorker?: boolean;
}

/** A group name or numeric id to a gid (names through getent, as libc resolves them). */
export function resolveGroup(group: string): number {
  if (/^\d+$/.test(group)) return Number(group);
  let line = '';
  try {
    line = execFileSync('getent', ['group', group], { encoding: 'utf8', timeout: 5000 });
  } catch {
    throw new Error(`COMPUTE_SOCKET_GROUP: no group named "${group}"`);
  }
  const gid = Number(line.split(':')[2]);
  if (!Number.isInteger(gid)) throw new Error(`COMPUTE_SOCKET_GROUP: cannot read the id of group "${group}"`);
  return gid;
}

function track(app: FastifyInstance, server: Server, listener: Listener): void {
  const gauge = app.chitti.metrics?.activeConnections;
  if (!gauge) return;
  server.on('connection', (socket: Socket) => {
    gauge.inc({ listener });
    socket.once('close', () => gauge.dec({ listener }));
  });
}

/** True when something accepts connections on the socket path. */
function socketInUse(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/**
 * A leftover socket file from a crashed process is removed; a live one (another instance) or a
 * non-socket file at the path is an error rather than something to delete.
 */
export async function clearStaleSocket(path: string): Promise<void> {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw new Error(`COMPUTE_SOCKET ${path} exists and is not a socket; refusing to remove it`);
  if (await socketInUse(path)) throw new Error(`COMPUTE_SOCKET ${path} is in use by another process`);
  unlinkSync(path);
}

export interface Listening {
  port: number;
  socket: string | undefined;
  /** Stops accepting on both listeners and waits for in-flight requests (app.close() included). */
  close(): Promise<void>;
  /** Cuts every connection on both listeners (the shutdown timeout's last resort). */
  forceClose(): void;
}

export async function listen(app: FastifyInstance, options: ListenOptions): Promise<Listening> {
  track(app, app.server, 'tcp');
  await app.listen({ host: options.host, port: options.port });
  const port = (app.server.address() as AddressInfo).port;
  if (options.socket === '') {
    return { port, socket: undefined, close: () => app.close(), forceClose: () => app.server.closeAllConnections() };
  }

  const path = options.socket;
  if (!options.clusterWorker) await clearStaleSocket(path);
  const unix = createServer(app.routing);
  // Same timeouts as fastify's own server.
  unix.keepAliveTimeout = app.server.keepAliveTimeout;
  unix.requestTimeout = app.server.requestTimeout;
  unix.headersTimeout = app.server.headersTimeout;
  track(app, unix, 'unix');
  websocketUpgradesOnly(unix);
  // WebSocket upgrades (/v1/stream) go to the handler @fastify/websocket put on fastify's server.
  unix.on('upgrade', (req, socket, head) => {
    if (app.server.listenerCount('upgrade') > 0) app.server.emit('upgrade', req, socket, head);
    else socket.destroy();
  });
  // The socket file is created 0660 (umask 0117 while binding), so it is never connectable by
  // others, not even between bind and chmod; with COMPUTE_SOCKET_GROUP, that group is the socket's.
  const umask = process.umask(0o117);
  try {
    await new Promise<void>((resolve, reject) => {
      unix.once('error', reject);
      unix.listen(path, () => {
        unix.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  chmodSync(path, 0o660);
  if (options.socketGroup) chownSync(path, -1, resolveGroup(options.socketGroup));
  const closeUnix = async () => {
    const closed = new Promise<void>((resolve) => unix.close(() => resolve()));
    unix.closeIdleConnections();
    await closed;
    if (options.clusterWorker) return;
    try {
      unlinkSync(path);
    } catch {
      // close() already removed it
    }
  };
  return {
    port,
    socket: path,
    close: async () => {
      app.chitti.closing = true;
      await Promise.all([closeUnix(), app.close()]);
    },
    forceClose: () => {
      app.server.closeAllConnections();
      unix.closeAllConnections();
    },
  };
}
