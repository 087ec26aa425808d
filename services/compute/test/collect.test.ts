/**
 * src/collect.ts: scavengeSoon runs one scavenge after the current turn however often it is called in
 * it, and a scavenge after each large request is what keeps memory outside the heap from driving full
 * collections: two child processes churn the same 800 MiB of 2 MiB buffers (as large request bodies
 * and responses are) while holding a heap of live objects, one of them calling scavengeSoon after each
 * buffer; full collections are counted by perf_hooks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setImmediate as turn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { scavengeSoon, scavengesRun } from '../src/collect.ts';

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
const fullCollections = (scavenge: boolean) => (JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script(scavenge)], { encoding: 'utf8' })) as { full: number }).full;

test('a scavenge after each large buffer: at most half the full collections that memory outside the heap drives without', () => {
  const without = fullCollections(false);
  const withScavenges = fullCollections(true);
  assert.ok(without >= 4, `without scavenges: ${without} full collections (expected one per 64 MB or so)`);
  assert.ok(withScavenges * 2 <= without, `with scavenges ${withScavenges}, without ${without}`);
});
