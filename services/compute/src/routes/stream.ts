/**
 * GET /v1/stream: the WebSocket endpoint of src/stream/protocol.ts. The upgrade request goes through
 * the app's hooks first (bearer-token auth, shutdown and overload checks answer it with HTTP errors),
 * then through this route's own limits: MAX_STREAM_CONNECTIONS open stream connections per process
 * (503) and MAX_STREAM_CONNECTIONS_PER_CLIENT per client (429). Stream connections do not count as
 * requests in progress (MAX_IN_FLIGHT): they would hold HTTP's slots for as long as they stay open.
 * A heartbeat (a ping every STREAM_PING_INTERVAL_MS) cuts connections whose peer stopped answering.
 * No exception escapes a socket handler: each turns into a reply, a log line or a closed socket.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { WebSocket } from '@fastify/websocket';
import { isUpgrade } from '../plugins/upgrades.ts';
import { ProblemError } from '../problem.ts';
import { Session } from '../stream/protocol.ts';

/** Close code sent to every stream client when the service shuts down (RFC 6455 "going away"). */
export const CLOSE_GOING_AWAY = 1001;
/** Frames beyond this many times MAX_STREAM_MESSAGE_BYTES close the connection (1009) unread. */
export const HARD_LIMIT_FACTOR = 4;

const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;

/**
 * Only WebSocket upgrades leave HTTP: a request with another Upgrade (curl --http2 sends h2c) is
 * served as plain HTTP/1.1, as before a WebSocket route existed. Node >= 24.9's server hook, not
 * in this @types/node yet.
 */
export function websocketUpgradesOnly(server: Server): void {
  (server as unknown as { shouldUpgradeCallback: (req: IncomingMessage) => boolean }).shouldUpgradeCallback = (req) =>
    String(req.headers.upgrade).toLowerCase() === 'websocket';
}

/** Open stream connections, in all and per client, reserved before the upgrade and released when the socket closes. */
class ConnectionSlots {
  private total = 0;
  private readonly byClient = new Map<string, number>();
  private readonly max: number;
  private readonly perClient: number;

  constructor(max: number, perClient: number) {
    this.max = max;
    this.perClient = perClient;
  }

  get open(): number {
    return this.total;
  }

  /** Takes a slot for `client`, or says which limit is reached. */
  take(client: string): ProblemError | undefined {
    if (this.total >= this.max) {
      return new ProblemError('overloaded', `${this.max} stream connections are already open on this instance (MAX_STREAM_CONNECTIONS); retry later or on another instance`, { code: 'STREAM_CONNECTIONS' }, { 'Retry-After': '5' });
    }
    const mine = this.byClient.get(client) ?? 0;
    if (mine >= this.perClient) {
      return new ProblemError('rate-limited', `this client already has ${mine} stream connections open (MAX_STREAM_CONNECTIONS_PER_CLIENT); close one, or carry more streams on each (up to MAX_STREAMS_PER_CONNECTION)`, { code: 'STREAM_CONNECTIONS_PER_CLIENT' }, { 'Retry-After': '5' });
    }
    this.total++;
    this.byClient.set(client, mine + 1);
    return undefined;
  }

  release(client: string): void {
    this.total--;
    const mine = (this.byClient.get(client) ?? 1) - 1;
    if (mine === 0) this.byClient.delete(client);
    else this.byClient.set(client, mine);
  }
}

/** Token name when authenticated, else the address (the Unix socket has none: one local client). */
const clientOf = (request: FastifyRequest) => request.client ?? request.ip ?? 'unix-socket';

export async function streamRoutes(app: FastifyInstance): Promise<void> {
  const { limits, timeouts, metrics, connections, streamState, websockets } = app.chitti;
  const slots = new ConnectionSlots(limits.streamConnections, limits.streamConnectionsPerClient);
  const alive = new Map<WebSocket, boolean>();
  websocketUpgradesOnly(app.server);
  await app.register(websocket, {
    options: { maxPayload: limits.streamMessageBytes * HARD_LIMIT_FACTOR, perMessageDeflate: false },
    preClose(done) {
      for (const client of app.websocketServer.clients) client.close(CLOSE_GOING_AWAY, 'server shutting down; reconnect and restore');
      app.websocketServer.close();
      done();
    },
    // A protocol error on an established socket (invalid UTF-8, a bad frame): the client's fault.
    errorHandler(error, socket, request) {
      request.log.warn({ err: error, route: '/v1/stream', client: request.client }, 'stream connection error; connection closed');
      socket.terminate();
    },
  });

  // Heartbeat: a peer that has not answered the previous ping (nor sent anything) is gone.
  const heartbeat = setInterval(() => {
    for (const [socket, answered] of alive) {
      try {
        if (!answered) {
          connections.count('stream_heartbeat');
          socket.terminate();
          continue;
        }
        alive.set(socket, false);
        socket.ping();
      } catch {
        socket.terminate();
      }
    }
  }, timeouts.streamPingMs).unref();
  app.addHook('onClose', async () => clearInterval(heartbeat));

  app.route({
    method: 'GET',
    url: '/v1/stream',
    // After the app's hooks (authentication, shutdown, load shedding) passed: the upgrade's own checks.
    preHandler: async (request) => {
      if (!isUpgrade(request)) return;
      const version = request.headers['sec-websocket-version'];
      if (version !== '13' && version !== '8') {
        throw new ProblemError('upgrade-required', 'Sec-WebSocket-Version must be 13', { code: 'BAD_WEBSOCKET_VERSION' }, { 'Sec-WebSocket-Version': '13, 8' });
      }
      const key = request.headers['sec-websocket-key'];
      if (typeof key !== 'string' || !WEBSOCKET_KEY.test(key.trim())) {
        throw new ProblemError('malformed-request', 'Sec-WebSocket-Key must be 16 bytes in base64', { code: 'BAD_WEBSOCKET_KEY' });
      }
      const client = clientOf(request);
      const refused = slots.take(client);
      if (refused) throw refused;
      metrics?.streamConnections.inc();
      request.raw.socket.once('close', () => {
        slots.release(client);
        metrics?.streamConnections.dec();
      });
    },
    handler: async () => {
      throw new ProblemError('upgrade-required', 'GET /v1/stream is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket); see GET /openapi.json', { code: 'WEBSOCKET_REQUIRED' }, { Upgrade: 'websocket' });
    },
    wsHandler: (socket, request) => {
      const session = new Session({
        maxStreams: limits.streamsPerConnection,
        maxMessageBytes: limits.streamMessageBytes,
        maxStateBytes: limits.streamStateBytesPerConnection,
        processBudget: streamState,
        messagesPerSecond: limits.streamMessagesPerSecond,
        overload: () => app.overload.current(),
        metrics,
        onInternalError: (err) => request.log.error({ err, route: '/v1/stream', client: request.client }, 'stream message failed'),
      });
      const opened = performance.now();
      let messages = 0;
      let dropped = false;
      alive.set(socket, true);
      websockets.add(socket);
      socket.on('pong', () => alive.set(socket, true));
      socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
        try {
          if (dropped) return;
          alive.set(socket, true);
          messages++;
          const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
          const text = session.handle(buf, isBinary);
          // A client that sends but does not read would have its replies queue here without bound (a
          // snapshot reply can be far larger than the message asking for it): drop it instead.
          if (socket.bufferedAmount + text.length > limits.streamBufferedBytes) {
            dropped = true;
            request.log.warn({ route: '/v1/stream', client: request.client, bufferedBytes: socket.bufferedAmount, limit: limits.streamBufferedBytes }, 'stream client is not reading its replies; connection dropped');
            connections.count('stream_not_reading');
            socket.terminate();
            return;
          }
          socket.send(text);
          // Over its message budget: stop reading this connection until the budget refills (what
          // it has already sent is still answered, one refusal each).
          if (session.backoffMs > 0 && !socket.isPaused) {
            socket.pause();
            setTimeout(() => {
              if (socket.readyState === socket.OPEN) socket.resume();
            }, session.backoffMs).unref();
          }
        } catch (err) {
          dropped = true;
          request.log.error({ err, route: '/v1/stream', client: request.client }, 'stream message handler failed; connection closed');
          socket.terminate();
        }
      });
      socket.on('close', (code: number) => {
        try {
          alive.delete(socket);
          websockets.delete(socket);
          const streams = session.size;
          const stateBytes = session.stateBytes;
          session.end();
          request.log.info({ route: '/v1/stream', client: request.client, messages, streams, stateBytes, closeCode: code, seconds: (performance.now() - opened) / 1000 }, 'stream connection closed');
        } catch (err) {
          request.log.error({ err, route: '/v1/stream' }, 'stream close handler failed');
        }
      });
    },
  });
}
