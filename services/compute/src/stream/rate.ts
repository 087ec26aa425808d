/**
 * The per-connection message budget of /v1/stream (STREAM_MESSAGES_PER_SECOND). Messages cost
 * units, each about 10 µs of event-loop time on the development machine, so a connection at its
 * budget keeps the loop about a fifth busy (at the default of 20,000) whatever it sends. The costs
 * follow what each message makes the service do, measured (RELIABILITY.md, "Streams"):
 * - every message: 1, plus 1 per 4 KiB of its text (reading and parsing it);
 * - peek: 1 per 16 KiB of the stream's state (the state is copied);
 * - snapshot: 1 per 512 bytes of state (copied and written as JSON, the costliest per byte);
 * - open: 1 per 16 KiB of the new state, plus 1 per 64 bars of history;
 * - restore: 1 per 2 KiB of the snapshot's state;
 * - update, peek and every bar of an open's history, for a stream whose work per bar grows with its
 *   parameters (MAVP: every period's MA, the kernels' streamWorkPerBar): 1 per 1,000 numbers it
 *   touches (about 10 µs measured: 713 µs a bar for MAVP's SMA over periods 2 to 46,340).
 * The budget refills continuously and saves at most one second's worth. A message is admitted
 * while the budget holds its cost (a message dearer than a full budget needs a full one) and
 * then drives it down, below zero if need be: the connection waits it out.
 */
export const COST = {
  messageBytesPerUnit: 4096,
  peekStateBytesPerUnit: 16 * 1024,
  snapshotStateBytesPerUnit: 512,
  openStateBytesPerUnit: 16 * 1024,
  historyBarsPerUnit: 64,
  restoreStateBytesPerUnit: 2048,
  streamWorkPerUnit: 1000,
} as const;

export function messageCost(bytes: number): number {
  return 1 + Math.floor(bytes / COST.messageBytesPerUnit);
}

export class MessageBudget {
  private readonly perSecond: number;
  private units: number;
  private last = performance.now();

  /** Units per second (0: unlimited). */
  get unitsPerSecond(): number {
    return this.perSecond;
  }

  /** `perSecond` 0: unlimited. */
  constructor(perSecond: number) {
    this.perSecond = perSecond;
    this.units = perSecond;
  }

  private refill(): void {
    const now = performance.now();
    this.units = Math.min(this.perSecond, this.units + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  /**
   * Spends `cost` units if the budget admits them; false (nothing spent) otherwise. `spent`: units
   * this message already paid (its reading), so that a full budget admits any one message.
   */
  spend(cost: number, spent = 0): boolean {
    if (this.perSecond === 0 || cost <= 0) return true;
    this.refill();
    if (this.units < Math.min(cost, this.perSecond - spent)) return false;
    this.units -= cost;
    return true;
  }

  /** Milliseconds until a message of this cost would be admitted (at least 1: it was just refused). */
  retryAfterMs(cost: number): number {
    if (this.perSecond === 0) return 0;
    this.refill();
    const missing = Math.min(cost, this.perSecond) - this.units;
    return Math.max(1, Math.ceil((missing / this.perSecond) * 1000));
  }
}
