/**
 * Event-loop delay as the lateness of a 10 ms timer, averaged over a 250 ms window. Unlike a
 * histogram read by another timer (@fastify/under-pressure's), a block that spans the whole window
 * is measured (one late tick of its full length) rather than read as "no samples" — which that
 * plugin reports as Infinity, shedding every request after any single stall, CPU-quota pauses included.
 */
const TICK_MS = 10;
const WINDOW_MS = 250;

export class LoopDelay {
  /** Mean lateness (ms) of the ticks in the last complete window. */
  current = 0;
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
      this.current = this.sum / this.count;
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
