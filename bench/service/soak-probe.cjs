/**
 * Soak probe, preloaded into the service under test by bench/service/soak.ts (NODE_OPTIONS=--require): every
 * CHITTI_SOAK_PROBE_MS (default 5 s) it appends to CHITTI_SOAK_PROBE one JSON line with the main
 * thread's V8 heap and one per live worker thread (piscina's), read with Worker#getHeapStatistics(),
 * which answers even while the worker is blocked in Atomics.wait between tasks. `/metrics` describes
 * the main thread's heap only; this is how the soak sees the workers' heaps without changing the
 * service. Bench-only: never loaded in production. CommonJS because piscina is: the Worker class is
 * wrapped before piscina creates its threads so the probe knows them.
 */
'use strict';
const file = process.env.CHITTI_SOAK_PROBE;
const threads = require('node:worker_threads');
if (file && threads.isMainThread) {
  const { appendFileSync } = require('node:fs');
  const { getHeapStatistics } = require('node:v8');
  const every = Number(process.env.CHITTI_SOAK_PROBE_MS || 5000);
  const live = new Set();
  const Original = threads.Worker;
  threads.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      live.add(this);
      this.once('exit', () => live.delete(this));
    }
  };
  const line = (main, thread, h) => JSON.stringify({ t: Date.now(), main, thread, used: h.used_heap_size, total: h.total_heap_size, physical: h.total_physical_size, limit: h.heap_size_limit, malloced: h.malloced_memory, external: h.external_memory });
  const timer = setInterval(async () => {
    const lines = [line(true, 0, getHeapStatistics())];
    for (const w of live) {
      const h = await w.getHeapStatistics().catch(() => undefined);
      if (h) lines.push(line(false, w.threadId, h));
    }
    try {
      appendFileSync(file, `${lines.join('\n')}\n`);
    } catch {
      // The soak removed the file: nothing to report to.
    }
  }, every);
  timer.unref();
}
