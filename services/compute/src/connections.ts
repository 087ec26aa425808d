/**
 * The API's client connections on both listeners: counted per listener (the active-connections
 * gauge), known busy or idle (a request in progress or not), cut with a counted reason when a
 * limit or timeout says so, and closed without resets when the service shuts down (src/drain.ts).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Listener, Metrics } from './metrics.ts';

/** Why the service cut a connection (label of chitti_compute_connections_cut_total). */
export const CUT_REASONS = [
  'request_timeout',
  'idle_timeout',
  'bad_request',
  'headers_too_large',
  'stream_heartbeat',
  'stream_not_reading',
  'shutdown_timeout',
] as const;
export type CutReason = (typeof CUT_REASONS)[number];

interface Tracked {
  /** Requests on it not yet answered (more than one only when the client pipelines). */
  busy: number;
  /** The latest of them (whether its body has fully arrived: `complete`), and its response. */
  request: IncomingMessage | undefined;
  response: ServerResponse | undefined;
  /** When its last response finished (or it was accepted). */
  idleSince: number;
  /** Taken over by a WebSocket (it closes with the WebSocket, not as HTTP). */
  upgraded: boolean;
  /** Bytes read and written at the last idle check, and since when neither has moved while they should. */
  read: number;
  written: number;
  stalledSince: number | undefined;
}

export class Connections {
  private readonly metrics: Metrics | undefined;
  private readonly open = new Map<Socket, Tracked>();

  constructor(metrics: Metrics | undefined) {
    this.metrics = metrics;
  }

  /** Tracks the connections of one listener's server. */
  watch(server: Server, listener: Listener): void {
    const gauge = this.metrics?.activeConnections;
    server.on('connection', (socket: Socket) => {
      this.open.set(socket, { busy: 0, request: undefined, response: undefined, idleSince: performance.now(), upgraded: false, read: 0, written: 0, stalledSince: undefined });
      gauge?.inc({ listener });
      socket.once('close', () => {
        this.open.delete(socket);
        gauge?.dec({ listener });
      });
    });
    server.on('request', (req, res) => {
      const tracked = this.open.get(req.socket);
      if (!tracked) return;
      tracked.busy++;
      tracked.request = req;
      tracked.response = res;
      res.once('close', () => {
        tracked.busy--;
        tracked.idleSince = performance.now();
      });
    });
    server.on('upgrade', (req) => {
      const tracked = this.open.get(req.socket);
      if (tracked) tracked.upgraded = true;
    });
  }

  /**
   * Counts and closes: with a last answer (`last`, raw HTTP) the socket is ended after it, and
   * destroyed if the client has not let it finish within a second (a write still queued when the
   * socket is destroyed would be lost); without one, destroyed at once.
   */
  cut(socket: Socket, reason: CutReason, last?: string): void {
    if (socket.destroyed) return;
    this.count(reason);
    if (last === undefined || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(last);
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  /** Whether the request still arriving on this socket has been answered already (so must not be again). */
  answered(socket: Socket): boolean {
    const tracked = this.open.get(socket);
    return tracked?.response?.headersSent === true && tracked.request?.complete === false;
  }

  /** Counts a connection cut elsewhere (a WebSocket terminated by its handler). */
  count(reason: CutReason): void {
    this.metrics?.connectionsCut.inc({ reason });
  }

  /**
   * Cuts connections with a request in progress on which nothing moves for `idleMs`: no byte of its
   * body received while it is arriving, or none of its response taken while it is being written (a
   * client that does not read what it asked for). Checked every `everyMs`. Node's own socket timeout
   * cannot do it: it would also cut a request being computed, and once a response is handed to the
   * socket Node treats the connection as idle keep-alive (72 s). `answer` is the last response for
   * a socket cut while its body was arriving (nothing has been written to it yet).
   */
  watchIdle(idleMs: number, everyMs: number, answer: () => string): () => void {
    const timer = setInterval(() => {
      const now = performance.now();
      for (const [socket, tracked] of this.open) {
        // A body still arriving, even after its request was answered (a 401 or 404 sent before it was read).
        const receiving = tracked.request !== undefined && !tracked.request.complete;
        const sending = socket.writableLength > 0;
        const moved = socket.bytesRead !== tracked.read || socket.bytesWritten !== tracked.written;
        tracked.read = socket.bytesRead;
        tracked.written = socket.bytesWritten;
        if ((!receiving && !sending) || moved || tracked.upgraded) {
          tracked.stalledSince = undefined;
        } else if (tracked.stalledSince === undefined) {
          tracked.stalledSince = now;
        } else if (now - tracked.stalledSince >= idleMs) {
          // A body still arriving after its answer was sent (a 401, a 404 before the body was read)
          // gets no second answer.
          this.cut(socket, 'idle_timeout', receiving && !sending && !tracked.response?.headersSent ? answer() : undefined);
        }
      }
    }, everyMs).unref();
    return () => clearInterval(timer);
  }

  /** Connections still open (upgraded WebSockets included until they close). */
  get size(): number {
    return this.open.size;
  }

  /**
   * Closes every connection once it has been idle for `graceMs` (none of its requests in progress),
   * checking every `everyMs`; a connection busy meanwhile closes itself after its response, which
   * carries `Connection: close` (src/plugins/drain.ts). The grace is what keeps a keep-alive client
   * from seeing a reset: a request it sent just before the close arrives within it and is answered.
   * WebSockets are left to their own close (1001). Returns a function that stops the sweep.
   */
  closeIdle(graceMs: number, everyMs: number): () => void {
    const sweep = () => {
      const now = performance.now();
      for (const [socket, tracked] of this.open) {
        if (tracked.busy === 0 && now - tracked.idleSince >= graceMs && !tracked.upgraded) socket.destroy();
      }
    };
    sweep();
    const timer = setInterval(sweep, everyMs);
    return () => clearInterval(timer);
  }
}
