/**
 * GET /v1/stream: the WebSocket endpoint of src/stream/protocol.ts. The upgrade request goes through
 * the app's hooks first (bearer-token auth, shutdown and overload checks answer it with HTTP errors).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import { Session } from '../stream/protocol.ts';

/** Close code sent to every stream client when the service shuts down (RFC 6455 "going away"). */
export const CLOSE_GOING_AWAY = 1001;
/** Frames beyond this many times MAX_STREAM_MESSAGE_BYTES close the connection (1009) unread. */
export const HARD_LIMIT_FACTOR = 4;

/**
 * Only WebSocket upgrades leave HTTP: a request with another Upgrade (curl --http2 sends h2c) is
 * served as plain HTTP/1.1, as before a WebSocket route existed. Node >= 24.9's server hook, not
 * in this @types/node yet.
 */
export function websocketUpgradesOnly(server: Server): void {
  (server as unknown as { shouldUpgradeCallback: (req: IncomingMessage) => boolean }).shouldUpgradeCallback = (req) =>
    String(req.headers.upgrade).toLowerCase() === 'websocket';
}

export async function streamRoutes(app: FastifyInstance): Promise<void> {
  const { limits, metrics } = app.chitti;
  websocketUpgradesOnly(app.server);
  await app.register(websocket, {
    options: { maxPayload: limits.streamMessageBytes * HARD_LIMIT_FACTOR, perMessageDeflate: false },
    preClose(done) {
      for (const client of app.websocketServer.clients) client.close(CLOSE_GOING_AWAY, 'server shutting down; reconnect and restore');
      app.websocketServer.close();
      done();
    },
  });

  app.get('/v1/stream', { websocket: true }, (socket, request) => {
    const session = new Session({
      maxStreams: limits.streamsPerConnection,
      maxMessageBytes: limits.streamMessageBytes,
      metrics,
      onInternalError: (err) => request.log.error({ err }, 'stream message failed'),
    });
    const opened = performance.now();
    let messages = 0;
    let dropped = false;
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      if (dropped) return;
      messages++;
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      const reply = isBinary
        ? { op: 'error', code: 'BAD_MESSAGE', detail: 'send JSON in text frames; binary frames are not part of the protocol' }
        : session.handle(buf.toString('utf8'), buf.length);
      const text = JSON.stringify(reply);
      // A client that sends but does not read would have its replies queue here without bound (a
      // snapshot reply can be far larger than the message asking for it): drop it instead.
      if (socket.bufferedAmount + text.length > limits.streamBufferedBytes) {
        dropped = true;
        request.log.warn({ route: '/v1/stream', client: request.client, bufferedBytes: socket.bufferedAmount, limit: limits.streamBufferedBytes }, 'stream client is not reading its replies; connection dropped');
        socket.terminate();
        return;
      }
      socket.send(text);
    });
    socket.on('close', (code: number) => {
      const streams = session.size;
      session.end();
      request.log.info({ route: '/v1/stream', client: request.client, messages, streams, closeCode: code, seconds: (performance.now() - opened) / 1000 }, 'stream connection closed');
    });
  });
}
