import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSection } from '../report/run.ts';
import type { RunResult } from '../report/run.ts';
import { serviceSection } from '../report/service.ts';
import type { ServiceCase, ServiceRatio, ServiceResult } from '../report/service.ts';
import type { PeersResult } from '../peers.bench.ts';

const kase = (id: string, rps: number, cpu: number): ServiceCase => ({
  id, kind: id.split(' ')[0]!, description: id, mode: id.split(' ')[1] ?? 'bare', connections: 10, requestBytes: 1, responseBytes: 1,
  requestsPerSecond: rps, p50Ms: 1, p99Ms: 2, cpuMicrosPerRequest: cpu, non2xx: 0, errors: 0,
});
const ratio = (id: string, value: number, min = value, max = value): ServiceRatio => ({ id, description: id, metric: 'requestsPerSecond', value, min, max, perRound: [value] });

function service(ceilingToBare: number): ServiceResult {
  return {
    date: '2026-01-01T00:00:00.000Z', quick: true, load: { start: [0, 0, 0], end: [0, 0, 0] }, durationSeconds: 1, packages: {},
    method: { rounds: 1, secondsPerSample: { small: 1, large: 1 }, warmupSeconds: { firstRound: 1, laterRounds: 1 }, loadGenerator: 'x', serverSettings: 'y', cpu: 'z' },
    ceilingCheck: { ok: true, values: 1000, maxRelativeDifference: 1e-15, oursBytes: 17702, ceilingBytes: 17723 },
    cases: [kase('bare', 20000, 25), kase('bare-json-sma', 20000 * ceilingToBare, 190), kase('json-1k metrics-on', 3000, 300)],
    ratios: [ratio('jsonToBare', 0.15), ratio('bareParseToBare', 0.35), ratio('jsonCeilingToBare', ceilingToBare), ratio('jsonToJsonCeiling', 0.6), ratio('jsonCpuToCeilingCpu', 1.6), ratio('jsonMetricsOnToOff', 0.97, 0.9, 1.01)],
    targets: [
      { target: 'JSON 50%', ratio: 'jsonToBare', threshold: 0.5, value: 0.15, min: 0.15, max: 0.15, pass: false },
      { target: 'json metrics', ratio: 'jsonMetricsOnToOff', threshold: 0.95, value: 0.97, min: 0.9, max: 1.01, pass: true },
    ],
  };
}
const noChart = () => '(chart)';

describe('service report', () => {
  it('says the target is below the measured ceiling when it is, with the measured figures', () => {
    const md = serviceSection(service(0.2), noChart).join('\n');
    assert.match(md, /\*\*below the target\*\*/);
    assert.match(md, /JSON ceiling \(parse, compute in plain JavaScript, serialise the same doubles\) 20%/);
    assert.match(md, /110 µs per request/);
    assert.match(md, /Rounds disagree on "json metrics"/);
  });
  it('says the gap is ours when the ceiling is above the target', () => {
    const md = serviceSection(service(0.6), noChart).join('\n');
    assert.match(md, /the target is reachable in principle and the gap is ours/);
  });
});

describe('run report', () => {
  const peers = { machine: { cpu: 'cpu', cores: 2, memoryGiB: 4, os: 'linux', node: 'v24', v8: '13' }, kernel: { kernel: 'wasm-simd', simd: true }, packages: {}, date: '2026-01-01T00:05:00.000Z', quick: false, durationSeconds: 300, load: { start: [0, 0, 0], end: [0, 0, 0] } } as unknown as PeersResult;
  const run: RunResult = { start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T00:10:00.000Z', quick: false, steps: [{ file: 'peers.bench.ts', seconds: 600 }], totalSeconds: 600, budgetSeconds: 900 };
  it('states the whole run\'s wall time against the bound when the results come from that run', () => {
    assert.match(runSection({ run, peers }).join('\n'), /\*\*600 s\*\* in all .*: within\./);
    assert.match(runSection({ run: { ...run, totalSeconds: 1000 }, peers }).join('\n'), /: \*\*over\*\*\./);
  });
  it('does not claim a run\'s wall time for results written outside it', () => {
    const md = runSection({ run: { ...run, end: '2026-01-01T00:01:00.000Z' }, peers }).join('\n');
    assert.match(md, /do not all come from one `npm run bench`/);
  });
});
