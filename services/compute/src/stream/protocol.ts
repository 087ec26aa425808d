/**
 * The /v1/stream protocol, independent of the transport: one Session per WebSocket connection holds
 * its streams by key and turns each client message into exactly one reply. README.md documents it.
 */
import { IndicatorError, createStream, getIndicator, restoreStream, type IndicatorStream, type StreamSnapshot } from '@chitti/kernels';
import type { Metrics } from '../metrics.ts';

export type ProtocolErrorCode = 'BAD_MESSAGE' | 'UNKNOWN_OP' | 'UNKNOWN_STREAM' | 'STREAM_EXISTS' | 'TOO_MANY_STREAMS' | 'MESSAGE_TOO_LARGE' | 'INTERNAL';

export type Reply = Record<string, unknown> & { op: string };

/** A bad message: answered with an `error` reply; the connection stays open. */
class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  readonly path: string | undefined;
  constructor(code: ProtocolErrorCode, detail: string, path?: string) {
    super(detail);
    this.code = code;
    this.path = path;
  }
}

const KEY = /^[\w.:\-/^=@]{1,128}$/;

export interface SessionOptions {
  maxStreams: number;
  maxMessageBytes: number;
  metrics: Metrics | undefined;
  /** Unexpected (non-input) errors, for the log. */
  onInternalError?: (err: unknown) => void;
}

/** NaN (warm-up) becomes null in JSON. */
function plain(outputs: Record<string, number>): Record<string, number | null> {
  const res: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(outputs)) res[k] = Number.isNaN(v) ? null : v;
  return res;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export class Session {
  private readonly streams = new Map<string, IndicatorStream>();
  private readonly options: SessionOptions;

  constructor(options: SessionOptions) {
    this.options = options;
  }

  get size(): number {
    return this.streams.size;
  }

  /** One text message in, one reply out (never throws). */
  handle(text: string, bytes: number): Reply {
    const start = performance.now();
    let key: string | undefined;
    try {
      if (bytes > this.options.maxMessageBytes) {
        throw new ProtocolError('MESSAGE_TOO_LARGE', `the message has ${bytes} bytes; at most ${this.options.maxMessageBytes} are accepted (MAX_STREAM_MESSAGE_BYTES)`);
      }
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch {
        throw new ProtocolError('BAD_MESSAGE', 'the message is not valid JSON');
      }
      if (!isObject(msg)) throw new ProtocolError('BAD_MESSAGE', 'a message must be a JSON object with "op" and "key"');
      if (typeof msg.key === 'string' && KEY.test(msg.key)) key = msg.key;
      if (typeof msg.op !== 'string') throw new ProtocolError('BAD_MESSAGE', '"op" must be one of open, update, peek, snapshot, close', 'op');
      if (typeof msg.key !== 'string' || !KEY.test(msg.key)) {
        throw new ProtocolError('BAD_MESSAGE', '"key" must be 1-128 characters of A-Z a-z 0-9 _ . : - / ^ = @', 'key');
      }
      const reply = this.dispatch(msg.op, msg.key, msg);
      if (msg.op === 'update' && this.options.metrics) {
        const stream = this.streams.get(msg.key)!;
        this.options.metrics.streamUpdates.inc({ indicator: stream.id });
        this.options.metrics.streamUpdateDuration.observe((performance.now() - start) / 1000);
      }
      return reply;
    } catch (err) {
      return this.error(err, key);
    }
  }

  /** The connection closed: its streams end. */
  end(): void {
    this.options.metrics?.streamsActive.dec(this.streams.size);
    this.streams.clear();
  }

  private dispatch(op: string, key: string, msg: Record<string, unknown>): Reply {
    switch (op) {
      case 'open':
        return this.open(key, msg);
      case 'update': {
        const outputs = this.get(key).update(this.bar(msg));
        return { op: 'output', key, bar: this.get(key).bars - 1, outputs: plain(outputs) };
      }
      case 'peek': {
        const stream = this.get(key);
        return { op: 'peeked', key, bar: stream.bars, outputs: plain(stream.peek(this.bar(msg))) };
      }
      case 'snapshot':
        return { op: 'snapshot', key, snapshot: this.get(key).snapshot() };
      case 'close':
        this.get(key);
        this.streams.delete(key);
        this.options.metrics?.streamsActive.dec();
        return { op: 'closed', key };
      default:
        throw new ProtocolError('UNKNOWN_OP', `unknown op "${op}"; expected open, update, peek, snapshot or close`, 'op');
    }
  }

  private open(key: string, msg: Record<string, unknown>): Reply {
    if (this.streams.has(key)) throw new ProtocolError('STREAM_EXISTS', `a stream "${key}" is already open on this connection; close it first`, 'key');
    if (this.streams.size >= this.options.maxStreams) {
      throw new ProtocolError('TOO_MANY_STREAMS', `this connection already has ${this.streams.size} streams open (MAX_STREAMS_PER_CONNECTION); close one or open another connection`);
    }
    let stream: IndicatorStream;
    let outputs: Record<string, number | null> | null = null;
    if (msg.restore !== undefined) {
      for (const field of ['id', 'params', 'history'] as const) {
        if (msg[field] !== undefined) throw new ProtocolError('BAD_MESSAGE', `"${field}" cannot be given with "restore" (the snapshot carries the indicator and its state)`, field);
      }
      stream = restoreStream(msg.restore as StreamSnapshot);
    } else {
      if (typeof msg.id !== 'string') throw new ProtocolError('BAD_MESSAGE', '"id" must be an indicator id (GET /v1/indicators lists them), or give "restore"', 'id');
      if (msg.params !== undefined && !isObject(msg.params)) throw new ProtocolError('BAD_MESSAGE', '"params" must be an object', 'params');
      stream = createStream(msg.id, msg.params as Record<string, number> | undefined);
      if (msg.history !== undefined) {
        if (!isObject(msg.history)) throw new ProtocolError('BAD_MESSAGE', '"history" must be an object of input arrays, e.g. {"close": [...]}', 'history');
        const res = stream.updateMany(msg.history as Record<string, number[]>);
        const n = stream.bars;
        if (n > 0) outputs = Object.fromEntries(Object.entries(res).map(([k, v]) => [k, Number.isNaN(v[n - 1]!) ? null : v[n - 1]!]));
      }
    }
    this.streams.set(key, stream);
    this.options.metrics?.streamsActive.inc();
    const lookback = getIndicator(stream.id).lookback(stream.params);
    return { op: 'opened', key, id: stream.id, params: stream.params, lookback, bars: stream.bars, outputs };
  }

  private get(key: string): IndicatorStream {
    const stream = this.streams.get(key);
    if (!stream) throw new ProtocolError('UNKNOWN_STREAM', `no stream "${key}" is open on this connection; open it first`, 'key');
    return stream;
  }

  private bar(msg: Record<string, unknown>): Record<string, number> {
    if (!isObject(msg.bar)) throw new ProtocolError('BAD_MESSAGE', '"bar" must be an object, e.g. {"close": 101.2}', 'bar');
    return msg.bar as Record<string, number>;
  }

  private error(err: unknown, key: string | undefined): Reply {
    const base: Reply = { op: 'error', ...(key !== undefined ? { key } : {}) };
    if (err instanceof ProtocolError || err instanceof IndicatorError) {
      return { ...base, code: err.code, detail: err.message, ...(err.path !== undefined ? { path: err.path } : {}) };
    }
    this.options.onInternalError?.(err);
    return { ...base, code: 'INTERNAL', detail: 'internal error' };
  }
}
