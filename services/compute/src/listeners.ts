/**
 * The same app on TCP (fastify's own server) and on a Unix socket (a second http.Server handing its
 * requests to the app's router, with the same timeouts and error answers). Closes both without
 * resetting a request a client sent before the listeners closed (see `close` below).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, renameSync, statSync, unlinkSync, type Stats } from 'node:fs';
import type { Server } from 'node:http';
import { Server as NetServer, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createGuardedServer, guardServer } from './plugins/limits.ts';
import { CLOSE_GOING_AWAY, websocketUpgradesOnly } from './routes/stream.ts';

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
  /**
   * Where a cluster worker binds (the primary's temporary path, renamed to `socket` once every
   * worker listens); a single process picks its own (bindPathFor).
   */
  bindPath?: string;
  /** IDLE_CLOSE_GRACE_MS unless given (tests shorten it). */
  idleCloseGraceMs?: number;
}

/**
 * After the listeners close, a connection is closed once it has been idle this long: a keep-alive
 * client's request that was already on its way arrives within it and is answered. WebSocket clients
 * that have not completed the 1001 close handshake by then are cut.
 */
export const IDLE_CLOSE_GRACE_MS = 2000;
const SWEEP_MS = 25;

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

/** The directory must exist (listen() would report a missing one as EACCES). */
export function checkSocketDirectory(path: string): void {
  const dir = dirname(path);
  let stat: Stats;
  try {
    stat = statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `COMPUTE_SOCKET ${path}: the directory ${dir} does not exist` : `COMPUTE_SOCKET ${path}: cannot read the directory ${dir} (${code})`);
  }
  if (!stat.isDirectory()) throw new Error(`COMPUTE_SOCKET ${path}: ${dir} is not a directory`);
}

/**
 * A leftover socket file from a crashed process is removed; a live one (another instance) or a
 * non-socket file at the path is an error rather than something to delete.
 */
export async function clearStaleSocket(path: string): Promise<void> {
  checkSocketDirectory(path);
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

/**
 * A temporary name next to `path` to bind the socket at before renaming it into place. libuv
 * removes the path a Unix socket was bound at when the server closes, whatever file is there by
 * then; bound elsewhere and renamed, the path it removes is one nobody else uses, and only our own
 * file at `path` is removed (removeOwnSocket). Falls back to `path` when the name would be too long.
 */
export function bindPathFor(path: string, tag: string | number = process.pid): string {
  const temp = `${dirname(path)}/.${tag}.chitti-bind.sock`;
  return Buffer.byteLength(temp) <= 100 ? temp : path;
}

/** The identity of the socket file we bound, so that only that file is ever removed. */
export interface SocketFile {
  path: string;
  dev: number;
  ino: number;
}

export function socketFile(path: string): SocketFile {
  const st = lstatSync(path);
  return { path, dev: st.dev, ino: st.ino };
}

/** Removes the socket file if it is still the one we bound (not a file another process put there since). */
export function removeOwnSocket(file: SocketFile): void {
  try {
    const st = lstatSync(file.path);
    if (st.isSocket() && st.dev === file.dev && st.ino === file.ino) unlinkSync(file.path);
  } catch {
    // already gone
  }
}

export interface Listening {
  port: number;
  socket: string | undefined;
  /** Stops accepting on both listeners, lets open connections finish, then closes the app. */
  close(): Promise<void>;
  /** Cuts every connection on both listeners (the shutdown timeout's last resort). */
  forceClose(): void;
}

/** Stops accepting without closing idle connections (http.Server#close would destroy them at once). */
function stopAccepting(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    NetServer.prototype.close.call(server, () => resolve());
  });
}

function listenUnix(server: Server, path: string): Promise<void> {
  // The socket file is created 0660 (umask 0117 while binding), so it is never connectable by
  // others, not even between bind and chmod.
  const umask = process.umask(0o117);
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  }).finally(() => process.umask(umask));
}

export async function listen(app: FastifyInstance, options: ListenOptions): Promise<Listening> {
  const state = app.chitti;
  await app.listen({ host: options.host, port: options.port });
  const port = (app.server.address() as AddressInfo).port;
  const servers: Server[] = [app.server];
  let file: SocketFile | undefined;

  if (options.socket !== '') {
    const path = options.socket;
    try {
      // Everything that can fail is checked before the socket file exists, so a failure leaves none behind.
      const gid = options.socketGroup ? resolveGroup(options.socketGroup) : undefined;
      const bindPath = options.bindPath ?? bindPathFor(path);
      if (!options.clusterWorker) {
        await clearStaleSocket(path);
        if (bindPath !== path) await clearStaleSocket(bindPath);
      }
      const unix = createGuardedServer(app.routing, state.timeouts, state.onClientError);
      state.connections.watch(unix, 'unix');
      guardServer(unix, state.metrics);
      websocketUpgradesOnly(unix);
      // WebSocket upgrades (/v1/stream) go to the handler @fastify/websocket put on fastify's server.
      unix.on('upgrade', (req, socket, head) => {
        if (app.server.listenerCount('upgrade') > 0) app.server.emit('upgrade', req, socket, head);
        else socket.destroy();
      });
      await listenUnix(unix, bindPath);
      servers.push(unix);
      // In a cluster the primary renames the file once every worker listens (a worker restarted later
      // finds it renamed already); each worker sets its mode and group while it is still there.
      if (existsSync(bindPath)) {
        chmodSync(bindPath, 0o660);
        if (gid !== undefined) chownSync(bindPath, -1, gid);
      }
      if (!options.clusterWorker) {
        if (bindPath !== path) renameSync(bindPath, path);
        file = socketFile(path);
      }
    } catch (err) {
      for (const server of servers.slice(1)) server.close();
      if (file) removeOwnSocket(file);
      await app.close();
      throw err;
    }
  }

  let closed: Promise<void> | undefined;
  return {
    port,
    socket: options.socket === '' ? undefined : options.socket,
    /**
     * 1. Stop accepting on both listeners (new connections are refused: clean for the client).
     * 2. `closing`: every response says `Connection: close`; WebSockets are closed with 1001.
     * 3. A connection closes after its answer, or once idle for IDLE_CLOSE_GRACE_MS: a keep-alive
     *    client's request that was on its way when the listeners closed is answered, not reset.
     * 4. Once every connection is gone, the app closes (worker pool, timers).
     */
    close: () =>
      (closed ??= (async () => {
        state.draining = true;
        state.closing = true;
        const grace = options.idleCloseGraceMs ?? IDLE_CLOSE_GRACE_MS;
        const stopped = Promise.all(servers.map(stopAccepting));
        app.log.info({ openConnections: state.connections.size, graceMs: grace }, 'listeners closed: no new connections; open ones close after their next answer or once idle');
        const clients = [...state.websockets];
        for (const client of clients) client.close(CLOSE_GOING_AWAY, 'server shutting down; reconnect and restore');
        const cutStreams = setTimeout(() => clients.forEach((client) => client.terminate()), grace);
        const stopSweep = state.connections.closeIdle(grace, SWEEP_MS);
        await stopped;
        stopSweep();
        clearTimeout(cutStreams);
        if (file) removeOwnSocket(file);
        await app.close();
      })()),
    forceClose: () => {
      for (const server of servers) server.closeAllConnections();
      for (const client of state.websockets) client.terminate();
    },
  };
}
