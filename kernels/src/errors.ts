/** Every error the library throws for bad input is an IndicatorError with a stable `code`. */
export type IndicatorErrorCode =
  | 'UNKNOWN_INDICATOR'
  | 'MISSING_INPUT'
  | 'UNEXPECTED_INPUT'
  | 'INVALID_INPUT_TYPE'
  | 'LENGTH_MISMATCH'
  | 'NON_FINITE_INPUT'
  | 'MISSING_PARAM'
  | 'UNKNOWN_PARAM'
  | 'INVALID_PARAM_TYPE'
  | 'PARAM_NOT_INTEGER'
  | 'PARAM_OUT_OF_RANGE'
  | 'INVALID_OUTPUT_BUFFER'
  | 'INVALID_PANEL'
  | 'WORKSPACE_DISPOSED'
  | 'KERNEL_UNAVAILABLE'
  | 'INVALID_BAR'
  | 'INVALID_STATE';

export class IndicatorError extends Error {
  readonly code: IndicatorErrorCode;
  /** Where the problem is, as a path: `close[17]`, `params.period`, `outputs.upper`. */
  readonly path: string;

  constructor(code: IndicatorErrorCode, path: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.path = path;
  }
}

export class UnknownIndicatorError extends IndicatorError {
  readonly id: string;
  constructor(id: string, known: readonly string[]) {
    super('UNKNOWN_INDICATOR', 'id', `unknown indicator "${id}"; known: ${known.join(', ')}`);
    this.id = id;
  }
}

/** Inputs: missing or extra series, wrong type, unequal lengths, a NaN or Infinity at some index. */
export class InvalidInputError extends IndicatorError {
  /** Index of the offending element, when the problem is one element. */
  readonly index: number | undefined;
  constructor(code: IndicatorErrorCode, path: string, message: string, index?: number) {
    super(code, path, message);
    this.index = index;
  }
}

/** Parameters: missing, unknown, not a number, not an integer, out of range. */
export class InvalidParamError extends IndicatorError {}
