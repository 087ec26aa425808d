import type { Kind } from './mix.ts';

/** Counters for the periodic summary: what was sent and how the service answered. */
export class Stats {
  sent = 0;
  skipped = 0;
  networkErrors = 0;
  /** Answers by status class ("2xx", "4xx", "5xx", ...). */
  byClass: Record<string, number> = {};
  /** Answers a healthy service would not give (a 5xx, or a 2xx to an invalid request). */
  unexpected = 0;
  byKind: Partial<Record<Kind, number>> = {};
  #latencies: number[] = [];

  record(kind: Kind, status: number, expect: '2xx' | '4xx', seconds: number): void {
    const cls = `${Math.floor(status / 100)}xx`;
    this.byClass[cls] = (this.byClass[cls] ?? 0) + 1;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    if (cls !== expect) this.unexpected++;
    this.#latencies.push(seconds);
  }

  /** The summary since the last call, then a reset. */
  flush(): Record<string, unknown> {
    const lat = this.#latencies.sort((a, b) => a - b);
    const q = (p: number) => (lat.length ? Number(lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!.toFixed(4)) : null);
    const out = {
      sent: this.sent,
      skipped: this.skipped,
      networkErrors: this.networkErrors,
      answers: this.byClass,
      unexpected: this.unexpected,
      byKind: this.byKind,
      latencySeconds: { p50: q(0.5), p99: q(0.99), max: lat.length ? Number(lat[lat.length - 1]!.toFixed(4)) : null },
    };
    this.sent = this.skipped = this.networkErrors = this.unexpected = 0;
    this.byClass = {};
    this.byKind = {};
    this.#latencies = [];
    return out;
  }
}
