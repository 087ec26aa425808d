/**
 * src/collect.ts: scavengeSoon runs one scavenge after the current turn however often it is called in
 * it, and a scavenge after each large request is what keeps memory outside the heap from driving full
 * collections: two child processes churn the same 800 MiB of 2 MiB buffers (as large request bodies
 * and responses are) while holding a heap of live objects, one of them calling scavengeSoon after each
 * buffer; full collections are counted by perf_hooks. Over HTTP, a request whose body is at least
 * LARGE_BODY_BYTES is followed by a scavenge, a smaller one is not.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { setImmediate as turn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { scavengeSoon, scavengesRun } from '../src/collect.ts';
import { LARGE_BODY_BYTES } from '../src/plugins/large-requests.ts';
import { f64le, prices, start, type Harness } from './helpers.ts';

test('scavengeSoon: one scavenge after the turn, shared by the calls made in it', async () => {
  const before = scavengesRun;
  scavengeSoon();
  scavengeSoon();
  scavengeSoon();
  assert.equal(scavengesRun, before, 'not within the turn');
  await turn();
  await turn();
  assert.equal(scavengesRun, before + 1);
});

const collect = fileURLToPath(new URL('../src/collect.ts', import.meta.url));
const script = (scavenge: boolean) => `
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { scavengeSoon } from ${JSON.stringify(collect)};
let full = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
}).observe({ entryTypes: ['gc'] });
const live = Array.from({ length: 200_000 }, (_, i) => ({ i, s: 'x' + i }));
for (let i = 0; i < 400; i++) {
  Buffer.allocUnsafeSlow(2 << 20).fill(i);
  if (${scavenge}) scavengeSoon();
  await new Promise((r) => setImmediate(r));
}
setTimeout(() => console.log(JSON.stringify({ full, live: live.length })), 50);
`;
// Asynchronously: this process's server (the HTTP test) must not see its event loop held.
const fullCollections = async (scavenge: boolean) => (JSON.parse((await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script(scavenge)], { encoding: 'utf8' })).stdout) as { full: number }).full;

test('a scavenge after each large buffer: at most half the full collections that memory outside the heap drives without', async () => {
  const without = await fullCollections(false);
  const withScavenges = await fullCollections(true);
  assert.ok(without >= 4, `without scavenges: ${without} full collections (expected one per 64 MB or so)`);
  assert.ok(withScavenges * 2 <= without, `with scavenges ${withScavenges}, without ${without}`);
});

let h: Harness;
before(async () => {
  h = await start();
});
after(async () => {
  await h.close();
});

test('over HTTP: a scavenge after a request of LARGE_BODY_BYTES or more, none after a smaller one', async () => {
  const send = async (points: number) => {
    const reply = await h.call('tcp', '/v1/indicators/sma?period=10', { body: f64le(prices(points)), headers: { 'content-type': 'application/octet-stream' } });
    assert.equal(reply.status, 200);
    await turn();
    await turn();
  };
  const large = Math.ceil(LARGE_BODY_BYTES / 8);
  let before = scavengesRun;
  await send(large);
  assert.equal(scavengesRun, before + 1, `${large} points`);
  before = scavengesRun;
  await send(large - 1);
  assert.equal(scavengesRun, before, `${large - 1} points`);
});
