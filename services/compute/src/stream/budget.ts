/**
 * Byte budgets for indicator-stream state. A stream holds state that grows with its parameters (an
 * SMA(100000) keeps 100,000 values); the kernels library says how much (`streamStateBytes`,
 * `IndicatorStream#stateBytes`). Each connection's streams are accounted against
 * MAX_STREAM_STATE_BYTES_PER_CONNECTION (the Session) and every connection's together against
 * MAX_STREAM_STATE_BYTES (this object, one per process), before the state is allocated.
 */
export class StateBudget {
  readonly limit: number;
  private held = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Bytes held by every open stream of the process. */
  get used(): number {
    return this.held;
  }

  /** Takes `bytes` if they fit; false (and nothing taken) otherwise. */
  take(bytes: number): boolean {
    if (this.held + bytes > this.limit) return false;
    this.held += bytes;
    return true;
  }

  give(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }
}
