/**
 * Every `code` an `error` reply on /v1/stream can carry: the protocol's own and the kernels
 * library's (its IndicatorError codes that stream operations raise). The label values of
 * chitti_compute_stream_errors_total; anything else is counted as OTHER.
 */
export const PROTOCOL_CODES = [
  'BAD_MESSAGE',
  'UNKNOWN_OP',
  'UNKNOWN_STREAM',
  'STREAM_EXISTS',
  'TOO_MANY_STREAMS',
  'MESSAGE_TOO_LARGE',
  'CONNECTION_STATE_BUDGET',
  'PROCESS_STATE_BUDGET',
  'RATE_LIMITED',
  'OVERLOADED',
  'STREAM_BROKEN',
  'INTERNAL',
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_CODES)[number];

export const LIBRARY_CODES = [
  'UNKNOWN_INDICATOR',
  'MISSING_INPUT',
  'UNEXPECTED_INPUT',
  'INVALID_INPUT_TYPE',
  'LENGTH_MISMATCH',
  'NON_FINITE_INPUT',
  'MISSING_PARAM',
  'UNKNOWN_PARAM',
  'INVALID_PARAM_TYPE',
  'PARAM_NOT_INTEGER',
  'PARAM_OUT_OF_RANGE',
  'INVALID_BAR',
  'INVALID_STATE',
] as const;

export const STREAM_ERROR_CODES: readonly string[] = [...PROTOCOL_CODES, ...LIBRARY_CODES, 'OTHER'];
const KNOWN = new Set(STREAM_ERROR_CODES);

/** The metric label for a reply's code. */
export function codeLabel(code: string): string {
  return KNOWN.has(code) ? code : 'OTHER';
}
