/**
 * Event-loop delay as the lateness of a 10 ms timer, averaged over 250 ms windows; `current` is the
 * lower of the last two windows, so load is shed when the loop is behind for a sustained half
 * second, not after one stall (a GC pause, a CPU-quota pause, start-up work): a single stall ends
 * the window it falls in, and the next window is measured afresh. Unlike a histogram read by
 * another timer (@fastify/under-pressure's), a block spanning a whole window is measured (one late
 * tick of its full length) rather than read as "no samples", which that plugin reports as Infinity.
 */
const TICK_MS = 10;
const WINDOW_MS = 250;

export class LoopDelay {
  /** Lower of the last two windows' mean lateness (ms). */
  current = 0;
  private last = 0;
  private sum = 0;
  private count = 0;
  private windowStart = performance.now();
  private due = performance.now() + TICK_MS;
  private timer: NodeJS.Timeout;

  constructor() {
    this.timer = setTimeout(() => this.tick(), TICK_MS).unref();
  }

  private tick(): void {
    const now = performance.now();
    this.sum += Math.max(0, now - this.due);
    this.count++;
    if (now - this.windowStart >= WINDOW_MS) {
      const mean = this.sum / this.count;
      this.current = Math.min(this.last, mean);
      this.last = mean;
      this.sum = 0;
      this.count = 0;
      this.windowStart = now;
    }
    this.due = now + TICK_MS;
    this.timer = setTimeout(() => this.tick(), TICK_MS).unref();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
