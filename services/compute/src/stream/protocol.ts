/**
 * The /v1/stream protocol, independent of the transport: one Session per WebSocket connection holds
 * its streams by key and turns each client message into exactly one reply (JSON text), never
 * throwing. README.md documents the protocol. Every message is admitted first: within the
 * connection's message budget (src/stream/rate.ts), and not while the service is overloaded (event
 * loop or heap, the same bounds as HTTP; `close` is always served, it frees memory). Stream state is
 * accounted in bytes against the connection's and the process's budgets before it is allocated.
 */
import { IndicatorError, createStream, getIndicator, restoreStream, streamStateBytes, streamWorkPerBar, type IndicatorStream, type StreamSnapshot } from '@chitti/kernels';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../json.ts';
import type { Metrics } from '../metrics.ts';
import type { ProblemError } from '../problem.ts';
import type { StateBudget } from './budget.ts';
import { codeLabel, type ProtocolErrorCode } from './codes.ts';
import { COST, MessageBudget, messageCost } from './rate.ts';

export type Reply = Record<string, unknown> & { op: string };

/** A refused message: answered with an `error` reply; the connection stays open. */
class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;
  readonly path: string | undefined;
  readonly extra: Record<string, unknown>;
  constructor(code: ProtocolErrorCode, detail: string, path?: string, extra: Record<string, unknown> = {}) {
    super(detail);
    this.code = code;
    this.path = path;
    this.extra = extra;
  }
}

const KEY = /^[\w.:\-/^=@]{1,128}$/;

/** Fixed cost of a stream object and its state record beside 8 bytes per number (as the kernels library counts). */
const STREAM_OVERHEAD_BYTES = 512;

export interface SessionOptions {
  maxStreams: number;
  maxMessageBytes: number;
  /** Bytes of stream state this connection may hold (MAX_STREAM_STATE_BYTES_PER_CONNECTION). */
  maxStateBytes: number;
  /** The process's stream-state budget (MAX_STREAM_STATE_BYTES), shared by every connection. */
  processBudget: StateBudget;
  /** Message units per second (STREAM_MESSAGES_PER_SECOND); 0: unlimited. */
  messagesPerSecond: number;
  /** Why the service refuses new work right now (event loop, heap), if it does. */
  overload?: () => ProblemError | undefined;
  metrics: Metrics | undefined;
  /** Unexpected (non-input) errors, for the log. */
  onInternalError?: (err: unknown) => void;
}

interface Open {
  stream: IndicatorStream;
  /** Bytes accounted for it (its stateBytes when opened). */
  bytes: number;
  /** Extra message units one update or peek costs (0 unless its work per bar grows with its parameters). */
  barUnits: number;
}

/** NaN (warm-up) becomes null in JSON. */
function plain(outputs: Record<string, number>): Record<string, number | null> {
  const res: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(outputs)) res[k] = Number.isFinite(v) ? v : null;
  return res;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Bytes the state a snapshot declares would hold: counted from the message, before anything is allocated. */
export function declaredStateBytes(snapshot: unknown): number {
  const state = isObject(snapshot) ? snapshot.state : undefined;
  if (!isObject(state)) return STREAM_OVERHEAD_BYTES;
  let numbers = 0;
  for (const value of Object.values(state)) numbers += Array.isArray(value) ? value.length : 1;
  return STREAM_OVERHEAD_BYTES + 8 * numbers;
}

/** Bars in a history object (the longest input), for its cost. */
function historyBars(history: unknown): number {
  if (!isObject(history)) return 0;
  let bars = 0;
  for (const value of Object.values(history)) if (Array.isArray(value)) bars = Math.max(bars, value.length);
  return bars;
}

const INTERNAL_REPLY = JSON.stringify({ op: 'error', code: 'INTERNAL', detail: 'internal error' });

export class Session {
  private readonly streams = new Map<string, Open>();
  private readonly options: SessionOptions;
  private readonly budget: MessageBudget;
  private bytes = 0;
  /** Units the message being handled paid for its reading. */
  private paid = 0;
  private backoff = 0;

  constructor(options: SessionOptions) {
    this.options = options;
    this.budget = new MessageBudget(options.messagesPerSecond);
  }

  get size(): number {
    return this.streams.size;
  }

  /** Bytes of stream state this connection holds. */
  get stateBytes(): number {
    return this.bytes;
  }

  /**
   * After a message refused for the budget: how long until the budget admits it. The transport
   * stops reading the connection meanwhile, so a client pipelining past its budget is held back by
   * TCP instead of costing a refusal per message.
   */
  get backoffMs(): number {
    return this.backoff;
  }

  /** One message in, one reply out as JSON text (never throws). */
  handle(data: Buffer, isBinary: boolean): string {
    this.backoff = 0;
    let reply: Reply;
    try {
      reply = this.reply(data, isBinary);
    } catch (err) {
      reply = this.error(err, undefined);
    }
    try {
      return JSON.stringify(reply);
    } catch (err) {
      // Nothing we build should fail to serialise; if it does, the client still gets its one reply.
      this.options.onInternalError?.(err);
      this.options.metrics?.streamErrors.inc({ code: 'INTERNAL' });
      return INTERNAL_REPLY;
    }
  }

  /** The connection closed: its streams end and their bytes go back to the process budget. */
  end(): void {
    this.options.metrics?.streamsActive.dec(this.streams.size);
    this.options.processBudget.give(this.bytes);
    this.bytes = 0;
    this.streams.clear();
  }

  private reply(data: Buffer, isBinary: boolean): Reply {
    const start = performance.now();
    let key: string | undefined;
    try {
      const cost = messageCost(data.length);
      if (!this.budget.spend(cost)) throw this.rateLimited(cost);
      this.paid = cost;
      if (isBinary) throw new ProtocolError('BAD_MESSAGE', 'send JSON in text frames; binary frames are not part of the protocol');
      if (data.length > this.options.maxMessageBytes) {
        throw new ProtocolError('MESSAGE_TOO_LARGE', `the message has ${data.length} bytes; at most ${this.options.maxMessageBytes} are accepted (MAX_STREAM_MESSAGE_BYTES)`);
      }
      const msg = this.parse(data);
      if (typeof msg.key === 'string' && KEY.test(msg.key)) key = msg.key;
      if (typeof msg.op !== 'string') throw new ProtocolError('BAD_MESSAGE', '"op" must be one of open, update, peek, snapshot, close', 'op');
      if (typeof msg.key !== 'string' || !KEY.test(msg.key)) {
        throw new ProtocolError('BAD_MESSAGE', '"key" must be 1-128 characters of A-Z a-z 0-9 _ . : - / ^ = @', 'key');
      }
      if (msg.op !== 'close') {
        const overloaded = this.options.overload?.();
        if (overloaded) {
          throw new ProtocolError('OVERLOADED', `${overloaded.message}; this message was not processed`, undefined, { retryAfterMs: Number(overloaded.headers['Retry-After'] ?? 1) * 1000 });
        }
      }
      const reply = this.dispatch(msg.op, msg.key, msg);
      if (msg.op === 'update' && this.options.metrics) {
        this.options.metrics.streamUpdates.inc({ indicator: this.streams.get(msg.key)!.stream.id });
        this.options.metrics.streamUpdateDuration.observe((performance.now() - start) / 1000);
      }
      return reply;
    } catch (err) {
      return this.error(err, key);
    }
  }

  private parse(data: Buffer): Record<string, unknown> {
    const text = data.toString('utf8');
    if (nestedDeeperThan(text, MAX_JSON_DEPTH)) throw new ProtocolError('BAD_MESSAGE', `the message nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`);
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      throw new ProtocolError('BAD_MESSAGE', 'the message is not valid JSON');
    }
    if (!isObject(msg)) throw new ProtocolError('BAD_MESSAGE', 'a message must be a JSON object with "op" and "key"');
    return msg;
  }

  private rateLimited(cost: number): ProtocolError {
    const perSecond = this.options.messagesPerSecond;
    this.backoff = this.budget.retryAfterMs(cost);
    return new ProtocolError('RATE_LIMITED', `this connection is over its budget of ${perSecond} message units per second (STREAM_MESSAGES_PER_SECOND); this message (${cost} units) was not processed`, undefined, { retryAfterMs: this.backoff });
  }

  /** Spends the extra units an operation costs beyond its message. */
  private charge(units: number): void {
    if (units > 0 && !this.budget.spend(units, this.paid)) throw this.rateLimited(this.paid + units);
  }

  private dispatch(op: string, key: string, msg: Record<string, unknown>): Reply {
    switch (op) {
      case 'open':
        return this.open(key, msg);
      case 'update': {
        const open = this.get(key);
        const bar = this.bar(msg);
        this.charge(open.barUnits);
        const outputs = this.guarded(key, open, () => open.stream.update(bar), true);
        return { op: 'output', key, bar: open.stream.bars - 1, outputs: plain(outputs) };
      }
      case 'peek': {
        const open = this.get(key);
        const bar = this.bar(msg);
        this.charge(Math.floor(open.bytes / COST.peekStateBytesPerUnit) + open.barUnits);
        const outputs = this.guarded(key, open, () => open.stream.peek(bar), false);
        return { op: 'peeked', key, bar: open.stream.bars, outputs: plain(outputs) };
      }
      case 'snapshot': {
        const open = this.get(key);
        this.charge(Math.floor(open.bytes / COST.snapshotStateBytesPerUnit));
        return { op: 'snapshot', key, snapshot: open.stream.snapshot() };
      }
      case 'close':
        this.remove(key, this.get(key));
        return { op: 'closed', key };
      default:
        throw new ProtocolError('UNKNOWN_OP', `unknown op "${op}"; expected open, update, peek, snapshot or close`, 'op');
    }
  }

  /**
   * Runs an update or peek. A library error (a bad bar) changes nothing. Any other error, or a
   * state that grew while it ran (it would only if the state broke the indicator's invariants),
   * closes the stream: it can no longer be trusted.
   */
  private guarded(key: string, open: Open, run: () => Record<string, number>, mutates: boolean): Record<string, number> {
    let outputs: Record<string, number>;
    try {
      outputs = run();
    } catch (err) {
      if (err instanceof IndicatorError) throw err;
      this.options.onInternalError?.(err);
      if (mutates) {
        this.remove(key, open);
        throw new ProtocolError('STREAM_BROKEN', `the stream "${key}" failed to update and was closed; open or restore it again`, 'key');
      }
      throw err;
    }
    if (open.stream.stateBytes !== open.bytes) {
      this.remove(key, open);
      throw new ProtocolError('STREAM_BROKEN', `the state of stream "${key}" no longer has its indicator's shape (was it restored from a tampered snapshot?); the stream was closed`, 'key');
    }
    return outputs;
  }

  private open(key: string, msg: Record<string, unknown>): Reply {
    if (this.streams.has(key)) throw new ProtocolError('STREAM_EXISTS', `a stream "${key}" is already open on this connection; close it first`, 'key');
    if (this.streams.size >= this.options.maxStreams) {
      throw new ProtocolError('TOO_MANY_STREAMS', `this connection already has ${this.streams.size} streams open (MAX_STREAMS_PER_CONNECTION); close one or open another connection`);
    }
    let stream: IndicatorStream;
    let outputs: Record<string, number | null> | null = null;
    let reserved: number;
    if (msg.restore !== undefined) {
      for (const field of ['id', 'params', 'history'] as const) {
        if (msg[field] !== undefined) throw new ProtocolError('BAD_MESSAGE', `"${field}" cannot be given with "restore" (the snapshot carries the indicator and its state)`, field);
      }
      reserved = declaredStateBytes(msg.restore);
      this.charge(Math.floor(reserved / COST.restoreStateBytesPerUnit));
      this.reserve(reserved);
      try {
        stream = restoreStream(msg.restore as StreamSnapshot);
      } catch (err) {
        this.unreserve(reserved);
        throw err;
      }
    } else {
      if (typeof msg.id !== 'string') throw new ProtocolError('BAD_MESSAGE', '"id" must be an indicator id (GET /v1/indicators lists them), or give "restore"', 'id');
      if (msg.params !== undefined && !isObject(msg.params)) throw new ProtocolError('BAD_MESSAGE', '"params" must be an object', 'params');
      if (msg.history !== undefined && !isObject(msg.history)) throw new ProtocolError('BAD_MESSAGE', '"history" must be an object of input arrays, e.g. {"close": [...]}', 'history');
      const params = msg.params as Record<string, number> | undefined;
      // Validates the indicator and its parameters, and says how much the stream will hold.
      reserved = streamStateBytes(msg.id, params);
      const bars = historyBars(msg.history);
      const work = streamWorkPerBar(msg.id, params);
      const historyWork = Math.floor((bars * (work > 1 ? work : 0)) / COST.streamWorkPerUnit);
      // One message runs to its end once admitted: a history whose work exceeds a whole second of the
      // budget would hold the event loop that long, so it is refused rather than waited out.
      const perSecond = this.budget.unitsPerSecond;
      if (perSecond > 0 && historyWork > perSecond) {
        throw new ProtocolError('MESSAGE_TOO_LARGE', `this history would cost ${historyWork} message units (${work} numbers updated per bar), more than this connection's ${perSecond} per second (STREAM_MESSAGES_PER_SECOND): send at most ${Math.floor((perSecond * COST.streamWorkPerUnit) / work)} bars of history, then the rest as updates`, 'history');
      }
      this.charge(Math.floor(reserved / COST.openStateBytesPerUnit) + Math.floor(bars / COST.historyBarsPerUnit) + historyWork);
      this.reserve(reserved);
      try {
        stream = createStream(msg.id, params);
        if (msg.history !== undefined) {
          const res = stream.updateMany(msg.history as Record<string, number[]>);
          const n = stream.bars;
          if (n > 0) outputs = Object.fromEntries(Object.entries(res).map(([k, v]) => [k, Number.isFinite(v[n - 1]!) ? v[n - 1]! : null]));
        }
      } catch (err) {
        this.unreserve(reserved);
        throw err;
      }
    }
    // The library's own count; equal to the reservation for any state it accepted.
    const bytes = stream.stateBytes;
    if (bytes !== reserved) {
      this.unreserve(reserved);
      this.reserve(bytes);
    }
    const work = streamWorkPerBar(stream.id, stream.params);
    this.streams.set(key, { stream, bytes, barUnits: work > 1 ? Math.floor(work / COST.streamWorkPerUnit) : 0 });
    this.options.metrics?.streamsActive.inc();
    const lookback = getIndicator(stream.id).lookback(stream.params);
    return { op: 'opened', key, id: stream.id, params: stream.params, lookback, bars: stream.bars, outputs };
  }

  /** Takes `bytes` from the connection's and the process's budgets, or refuses the open. */
  private reserve(bytes: number): void {
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    if (this.bytes + bytes > this.options.maxStateBytes) {
      throw new ProtocolError(
        'CONNECTION_STATE_BUDGET',
        `this stream needs ${mib(bytes)} of state and this connection already holds ${mib(this.bytes)} of its ${mib(this.options.maxStateBytes)} (MAX_STREAM_STATE_BYTES_PER_CONNECTION); close streams or use smaller periods`,
        undefined,
        { bytes, limit: this.options.maxStateBytes },
      );
    }
    const budget = this.options.processBudget;
    if (!budget.take(bytes)) {
      throw new ProtocolError(
        'PROCESS_STATE_BUDGET',
        `this stream needs ${mib(bytes)} of state and the service already holds ${mib(budget.used)} of its ${mib(budget.limit)} for all connections (MAX_STREAM_STATE_BYTES); retry later or on another instance`,
        undefined,
        { bytes, limit: budget.limit },
      );
    }
    this.bytes += bytes;
  }

  private unreserve(bytes: number): void {
    this.bytes -= bytes;
    this.options.processBudget.give(bytes);
  }

  private remove(key: string, open: Open): void {
    if (this.streams.get(key) !== open) return;
    this.streams.delete(key);
    this.unreserve(open.bytes);
    this.options.metrics?.streamsActive.dec();
  }

  private get(key: string): Open {
    const open = this.streams.get(key);
    if (!open) throw new ProtocolError('UNKNOWN_STREAM', `no stream "${key}" is open on this connection; open it first`, 'key');
    return open;
  }

  private bar(msg: Record<string, unknown>): Record<string, number> {
    if (!isObject(msg.bar)) throw new ProtocolError('BAD_MESSAGE', '"bar" must be an object, e.g. {"close": 101.2}', 'bar');
    return msg.bar as Record<string, number>;
  }

  private error(err: unknown, key: string | undefined): Reply {
    const base: Reply = { op: 'error', ...(key !== undefined ? { key } : {}) };
    let reply: Reply;
    if (err instanceof ProtocolError) {
      reply = { ...base, code: err.code, detail: err.message, ...(err.path !== undefined ? { path: err.path } : {}), ...err.extra };
    } else if (err instanceof IndicatorError) {
      reply = { ...base, code: err.code, detail: err.message, ...(err.path !== undefined ? { path: err.path } : {}) };
    } else {
      this.options.onInternalError?.(err);
      reply = { ...base, code: 'INTERNAL', detail: 'internal error' };
    }
    this.options.metrics?.streamErrors.inc({ code: codeLabel(String(reply.code)) });
    return reply;
  }
}
