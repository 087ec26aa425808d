/**
 * `npm run bench:overload`: finds the saturation throughput of JSON EMA requests (POINTS, default
 * 1,000 points; closed loop, 32 connections) of the service pinned to one CPU, then offers twice that rate open-loop for BENCH_SECONDS (default 30) and reports
 * what was accepted (latency from the intended send time, so client-side queueing counts), what was
 * refused (503 with Retry-After), the service's peak resident memory, and that it is still alive.
 * The service runs under a CPU quota (SERVICE_CPUS, default 0.5 CPU) so the generator can outrun it.
 * Repeats for each MAX_IN_FLIGHT/MAX_EVENT_LOOP_DELAY_MS pair in SETTINGS (default "0/0,256/250,256/100").
 */
import { closedLoop, jsonRequest, openLoop, p99BySlice, pinSelf, pool, spreadPool, scrape, serverP99, sleep, startService, summarize, type Service } from './load.ts';
import { limitCpu, type CpuQuota } from './cpu-quota.ts';

// The service on CPU 0, the load generator on CPU 1 (where taskset exists): otherwise the generator,
// sharing the service's 2 cores, saturates before the service does.
const pinned = process.env.PIN !== '0' && pinSelf('1');
if (!pinned) console.error('not pinned: the load generator shares CPUs with the service');

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
// Each setting: MAX_IN_FLIGHT/MAX_EVENT_LOOP_DELAY_MS (0: off).
const settings = (process.env.SETTINGS ?? '0/0,256/250,256/100').split(',').map((s) => s.trim().split('/') as [string, string]);
const points = Number(process.env.POINTS ?? 1_000);
const request = jsonRequest('ema', points, { period: 20 });
const mib = (b: number) => Math.round(b / 2 ** 20);
// The service's CPU capped (CFS quota, like a container's --cpus) so that one generator core can
// offer twice its saturation: SERVICE_CPUS (default 0.5; 0: no cap).
const serviceCpus = Number(process.env.SERVICE_CPUS ?? 0.5);
let quotaApplied: boolean | undefined;

async function service(env: Record<string, string>): Promise<{ svc: Service; quota: CpuQuota | undefined }> {
  const svc = await startService(env, pinned ? '0' : undefined);
  const quota = serviceCpus > 0 ? limitCpu(svc.child.pid!, serviceCpus) : undefined;
  if (serviceCpus > 0 && !quota && quotaApplied === undefined) console.error('no CPU quota: cgroups not writable here; the service gets its whole CPU');
  quotaApplied = quota !== undefined;
  return { svc, quota };
}

/** Saturation: the most 200s per second the service gives with shedding off (closed loop). */
async function saturation() {
  const { svc, quota } = await service({ MAX_EVENT_LOOP_DELAY_MS: '0', MAX_IN_FLIGHT: '0', WORKER_THREADS: '1' });
  try {
    const p = pool(svc.url, 32);
    await closedLoop(p, () => request, 32, 3000);
    const sat = summarize(await closedLoop(p, () => request, 32, 10_000), 10);
    await p.close();
    return sat;
  } finally {
    await svc.stop();
    quota?.release();
  }
}

async function run([inFlight, delay]: [string, string], rate: number) {
  const { svc, quota } = await service({ MAX_IN_FLIGHT: inFlight, MAX_EVENT_LOOP_DELAY_MS: delay, WORKER_THREADS: '1' });
  try {
    await closedLoop(pool(svc.url, 4), () => request, 4, 2000);
    const rssBefore = (await scrape(svc.adminUrl)).get('process_resident_memory_bytes')!;
    let rssPeak = rssBefore;
    let connectionsPeak = 0;
    let stop = false;
    const sampler = (async () => {
      while (!stop) {
        await sleep(1000);
        const m = await scrape(svc.adminUrl).catch(() => new Map<string, number>());
        const rss = m.get('process_resident_memory_bytes');
        if (rss !== undefined) rssPeak = Math.max(rssPeak, rss);
        connectionsPeak = Math.max(connectionsPeak, m.get('chitti_compute_active_connections{listener="tcp"}') ?? 0);
      }
    })();
    const p = spreadPool(svc.url, Number(process.env.CONNECTIONS ?? 256));
    const beforeRun = await scrape(svc.adminUrl);
    const started = performance.now();
    const samples = await openLoop(p, () => request, rate, seconds * 1000);
    const elapsed = (performance.now() - started) / 1000;
    const afterRun = await scrape(svc.adminUrl);
    stop = true;
    await sampler;
    await p.close();
    await sleep(5000);
    const after = await scrape(svc.adminUrl);
    const health = (await fetch(`${svc.adminUrl}/health`)).status;
    return {
      maxInFlight: Number(inFlight),
      maxEventLoopDelayMs: Number(delay),
      offeredPerSecond: rate,
      elapsedSeconds: Math.round(elapsed * 10) / 10,
      overload: summarize(samples, elapsed),
      clientP99BySliceMs: p99BySlice(samples, seconds * 1000, 5),
      serverP99AcceptedMs: serverP99(beforeRun, afterRun, '/v1/indicators/:id', '200'),
      serverP99RefusedMs: serverP99(beforeRun, afterRun, '/v1/indicators/:id', '503'),
      rssBeforeMiB: mib(rssBefore),
      rssPeakMiB: mib(rssPeak),
      connectionsPeak,
      rssAfterMiB: mib(after.get('process_resident_memory_bytes')!),
      healthAfter: health,
      alive: svc.child.exitCode === null,
    };
  } finally {
    await svc.stop();
    quota?.release();
  }
}

const sat = await saturation();
console.log(JSON.stringify({ saturation: sat }));
const rate = Math.round(2 * sat.okPerSecond);
const results = [];
for (const d of settings) {
  const r = await run(d, rate);
  console.log(JSON.stringify(r));
  results.push(r);
}
console.log(`\nsaturation (shedding off, closed loop, 32 connections): ${sat.okPerSecond} req/s, p99 ${sat.okP99ms} ms; ${points}-point JSON EMA requests; service ${pinned ? 'pinned to CPU 0, load generator to CPU 1' : 'not pinned'}${quotaApplied ? `, service capped at ${serviceCpus} CPU (CFS quota)` : ''}`);
console.log('\n| MAX_IN_FLIGHT | MAX_EVENT_LOOP_DELAY_MS | offered req/s | 200/s | 503/s | other | accepted p50 / p99 / max ms (client) | accepted p99 per fifth of the run (client) | server-side p99 ms: 200 / 503 | RSS before / peak / after MiB | peak open connections | alive |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const o = r.overload;
  const other = Object.entries(o.byStatus).filter(([s]) => s !== '200' && s !== '503').map(([s, n]) => `${s}: ${n}`).join(', ') || '0';
  console.log(`| ${r.maxInFlight} | ${r.maxEventLoopDelayMs} | ${r.offeredPerSecond} | ${o.okPerSecond} | ${Math.round(((o.byStatus['503'] ?? 0) / seconds) * 10) / 10} | ${other} | ${o.okP50ms} / ${o.okP99ms} / ${o.okMaxms} | ${r.clientP99BySliceMs.join(', ')} | ≤ ${r.serverP99AcceptedMs} / ≤ ${r.serverP99RefusedMs} | ${r.rssBeforeMiB} / ${r.rssPeakMiB} / ${r.rssAfterMiB} | ${r.connectionsPeak} | ${r.alive && r.healthAfter === 200 ? 'yes' : 'NO'} |`);
}
