/**
 * RFC 9457 problem details. Every error response is `application/problem+json` with a stable `type`
 * (a relative URI, resolvable at `GET /problems/<slug>`), the status, a title per type and a `detail`
 * naming the offending field or index. `label` is the `type` label of chitti_compute_errors_total.
 */
import { IndicatorError, InvalidInputError, UnknownIndicatorError } from '@chitti/kernels';

export interface ProblemType {
  slug: string;
  status: number;
  title: string;
  label: string;
  description: string;
}

const list: ProblemType[] = [
  { slug: 'malformed-request', status: 400, title: 'Malformed request', label: 'malformed', description: 'The body is not valid JSON, does not have the documented shape, or a binary body has the wrong length; the query string is not parseable.' },
  { slug: 'unauthorized', status: 401, title: 'Unauthorized', label: 'unauthorized', description: 'The API requires a bearer token (Authorization: Bearer <token>) and none, a malformed one or an unknown one was given.' },
  { slug: 'forbidden', status: 403, title: 'Forbidden', label: 'forbidden', description: "The bearer token is valid but lacks the scope this route needs (read, compute, batch or stream; see API_TOKENS_FILE)." },
  { slug: 'not-found', status: 404, title: 'Not found', label: 'not_found', description: 'No such route or no such indicator; the detail lists the known indicators.' },
  { slug: 'method-not-allowed', status: 405, title: 'Method not allowed', label: 'method_not_allowed', description: 'The route exists but not with this method.' },
  { slug: 'request-timeout', status: 408, title: 'Request timeout', label: 'timeout', description: 'The request headers did not arrive within HEADERS_TIMEOUT_MS, or the whole request (body included) within REQUEST_TIMEOUT_MS; the connection is closed.' },
  { slug: 'payload-too-large', status: 413, title: 'Payload too large', label: 'payload_too_large', description: 'The body exceeds MAX_BODY_BYTES, a series exceeds MAX_POINTS_PER_SERIES, a batch exceeds MAX_BATCH_SERIES or MAX_BATCH_SPECS, the response would exceed MAX_OUTPUT_VALUES, or computing it needs more memory than a worker thread may use (WORKER_MAX_HEAP_MB).' },
  { slug: 'unsupported-media-type', status: 415, title: 'Unsupported media type', label: 'unsupported_media_type', description: 'The Content-Type is neither application/json nor (where supported) application/octet-stream.' },
  { slug: 'expectation-failed', status: 417, title: 'Expectation failed', label: 'malformed', description: 'The request carries an Expect header other than 100-continue.' },
  { slug: 'upgrade-required', status: 426, title: 'Upgrade required', label: 'malformed', description: 'GET /v1/stream is a WebSocket endpoint: send the request with Upgrade: websocket.' },
  { slug: 'headers-too-large', status: 431, title: 'Request header fields too large', label: 'payload_too_large', description: "The request's headers exceed the server's limit (16 KiB in all); the connection is closed." },
  { slug: 'invalid-input', status: 422, title: 'Invalid input', label: 'validation', description: 'An input series is missing, unexpected, of unequal length, or holds a value that is not a finite number (the detail names the index).' },
  { slug: 'invalid-params', status: 422, title: 'Invalid parameters', label: 'validation', description: 'A parameter is unknown, missing, not a number, not an integer where one is required, or out of range.' },
  { slug: 'rate-limited', status: 429, title: 'Too many requests', label: 'rate_limited', description: 'This client sent more requests than RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS, or already has MAX_STREAM_CONNECTIONS_PER_CLIENT stream connections open; retry after the Retry-After seconds.' },
  { slug: 'overloaded', status: 503, title: 'Service overloaded', label: 'overload', description: 'The event loop or the heap is over its limit, too many requests are in progress, the queue of large requests is full, MAX_STREAM_CONNECTIONS stream connections are open, or the service is shutting down; retry later (see Retry-After).' },
  { slug: 'internal', status: 500, title: 'Internal error', label: 'internal', description: 'A bug on our side; the detail carries no internals, the logs carry the request id.' },
];

export const problemTypes: ReadonlyMap<string, ProblemType> = new Map(list.map((p) => [p.slug, p]));

export type ProblemSlug =
  | 'malformed-request'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'not-found'
  | 'method-not-allowed'
  | 'request-timeout'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'expectation-failed'
  | 'upgrade-required'
  | 'headers-too-large'
  | 'invalid-input'
  | 'invalid-params'
  | 'overloaded'
  | 'internal';

/** Extension members beyond the RFC's own: where the problem is, the library's error code. */
export interface ProblemExtensions {
  /** Location of the offending value: `inputs.close[17]`, `params.period`, `series.AAPL.close`. */
  pointer?: string;
  /** Index of the offending element of a series, when the problem is one element. */
  index?: number;
  /** Stable machine code (the kernels library's `code`, or one of ours). */
  code?: string;
}

export class ProblemError extends Error {
  readonly type: ProblemType;
  readonly extensions: ProblemExtensions;
  /** Response headers that belong to the problem (Retry-After, WWW-Authenticate). */
  readonly headers: Record<string, string>;
  constructor(slug: ProblemSlug, detail: string, extensions: ProblemExtensions = {}, headers: Record<string, string> = {}) {
    super(detail);
    this.type = problemTypes.get(slug)!;
    this.extensions = extensions;
    this.headers = headers;
  }
}

export interface ProblemBody extends ProblemExtensions {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
}

export function problemBody(problem: ProblemError, requestId?: string): ProblemBody {
  return {
    type: `/problems/${problem.type.slug}`,
    title: problem.type.title,
    status: problem.type.status,
    detail: problem.message,
    ...problem.extensions,
    ...(requestId === undefined ? {} : { requestId }),
  };
}

/** Re-roots a kernels-library error path (`inputs.close[3]`) under a batch location. */
function withPrefix(prefix: string, path: string): string {
  return prefix === '' ? path : `${prefix}.${path}`;
}

/** Maps a kernels-library error to a problem. `prefix` places it inside a larger body (batch). */
export function fromIndicatorError(err: IndicatorError, prefix = '', what = ''): ProblemError {
  const ext: ProblemExtensions = { pointer: withPrefix(prefix, err.path), code: err.code };
  if (err instanceof InvalidInputError && err.index !== undefined) ext.index = err.index;
  const detail = what === '' ? err.message : `${what}: ${err.message}`;
  if (err instanceof UnknownIndicatorError) return new ProblemError(prefix === '' ? 'not-found' : 'invalid-params', detail, ext);
  if (err.code.endsWith('_PARAM') || err.code.startsWith('PARAM_') || err.code === 'INVALID_PARAM_TYPE') {
    return new ProblemError('invalid-params', detail, ext);
  }
  return new ProblemError('invalid-input', detail, ext);
}

interface FrameworkError {
  statusCode?: number;
  code?: string;
  message: string;
  validation?: { instancePath: string; keyword: string; message?: string; params?: Record<string, unknown> }[];
  validationContext?: string;
}

/** JSON-pointer `/inputs/close/17` → `inputs.close[17]`. */
function pointerToPath(context: string, pointer: string): { path: string; index: number | undefined } {
  let path = context;
  let index: number | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) {
      path += `[${part}]`;
      index = Number(part);
    } else {
      path += path === '' ? part : `.${part}`;
    }
  }
  return { path, index };
}

/** fastify's own error codes, as the stable codes clients see (fastify's names are internals). */
const FRAMEWORK_CODES: Readonly<Record<string, string>> = {
  FST_ERR_NOT_FOUND: 'NO_ROUTE',
  FST_ERR_BAD_URL: 'BAD_URL',
  FST_ERR_INVALID_URL: 'BAD_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'BAD_URL',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_CONTENT_LENGTH',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BODY_REQUIRED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
};

/** A stable code for a framework or Node.js error: ours by mapping, never the internal name. */
export function stableCode(code: string | undefined, status: number): string {
  return (code !== undefined && FRAMEWORK_CODES[code]) || `HTTP_${status}`;
}

/**
 * Maps anything thrown while handling a request to a problem. Schema failures inside a series
 * (`inputs.close[17]` is null) or a parameter value are 422, other shape failures 400; fastify's own
 * errors keep their status; anything else is a 500 whose detail says nothing about internals.
 */
export function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof IndicatorError) return fromIndicatorError(error);
  const err = error as FrameworkError;
  if (err?.validation && err.validation.length > 0) {
    const first = err.validation[0]!;
    const context = err.validationContext === 'body' ? '' : (err.validationContext ?? '');
    const { path, index } = pointerToPath(context, first.instancePath);
    let message = first.message ?? 'is invalid';
    if (first.keyword === 'required' && typeof first.params?.missingProperty === 'string') {
      const where = path === '' ? first.params.missingProperty : `${path}.${first.params.missingProperty}`;
      return new ProblemError('malformed-request', `${where} is required`, { pointer: where, code: 'REQUIRED' });
    }
    if (first.keyword === 'additionalProperties' && typeof first.params?.additionalProperty === 'string') {
      const where = path === '' ? first.params.additionalProperty : `${path}.${first.params.additionalProperty}`;
      return new ProblemError('malformed-request', `unexpected member ${where}`, { pointer: where, code: 'UNEXPECTED_MEMBER' });
    }
    const ext: ProblemExtensions = { pointer: path || '(body)', code: `SCHEMA_${first.keyword.toUpperCase()}` };
    if (index !== undefined) ext.index = index;
    const where = path === '' ? 'the body' : path;
    // A wrong value inside a series or a parameter is semantically invalid (422); a wrong shape is malformed (400).
    const inValue = /^(inputs\.[^.[]+\[\d+\]|series\.[^.]+\.[^.[]+\[\d+\]|params\.[^.[]+|specs\[\d+\]\.params\.[^.[]+)$/.test(path);
    if (inValue && first.keyword === 'type') message = `must be a number`;
    const slug = !inValue ? 'malformed-request' : path.includes('params') ? 'invalid-params' : 'invalid-input';
    return new ProblemError(slug, `${where} ${message}`, ext);
  }
  const status = err?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = stableCode(err.code, status);
    switch (status) {
      case 404: return new ProblemError('not-found', err.message, { code });
      case 405: return new ProblemError('method-not-allowed', err.message, { code });
      case 408: return new ProblemError('request-timeout', err.message, { code });
      case 413: return new ProblemError('payload-too-large', err.message, { code });
      case 415: return new ProblemError('unsupported-media-type', err.message, { code });
      case 429: return new ProblemError('rate-limited', err.message, { code: 'RATE_LIMITED' });
      case 431: return new ProblemError('headers-too-large', err.message, { code });
      default: return new ProblemError('malformed-request', err.message, { code });
    }
  }
  if (status === 503) return new ProblemError('overloaded', err.message, { code: 'OVERLOADED' });
  return new ProblemError('internal', 'internal error; the service logs carry the details under this request id', { code: 'INTERNAL' });
}
