import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fastestPeer, loopTargetTable, memcpyTarget, missTable, peerTargetTable, requiredSpeedup } from '../report/targets.ts';

const t = (median: number) => ({ median, p25: median, p75: median, samples: 5 });

describe('compute() targets', () => {
  it('takes the fastest peer, never ours, the loops or memcpy', () => {
    assert.deepEqual(fastestPeer({ chitti: t(1), memcpy: t(0.1), 'plain loop': t(0.5), 'plain loop, preallocated': t(0.4), 'chitti zero-copy': t(0.2), a: t(3), b: t(2) }), { name: 'b', ns: 2 });
    assert.equal(fastestPeer({ chitti: t(1) }), undefined);
    assert.equal(fastestPeer({ chitti: t(1), 'chitti, caller outputs': t(0.1) }), undefined);
  });
  it('requires 0.8x at 100 bars, 1.5x at 1,000, 2x above, and 1.0x for chains from 1,000', () => {
    assert.deepEqual([100, 1000, 10_000, 1e6].map((n) => requiredSpeedup(n, false)), [0.8, 1.5, 2, 2]);
    assert.deepEqual([100, 1000, 10_000].map((n) => requiredSpeedup(n, true)), [0.8, 1, 1]);
  });
  it('counts a cell below the required speed-up as a miss', () => {
    const inds = [
      { id: 'sma', timings: [{ n: 100, nsPerBar: { chitti: t(10), peer: t(7) } }, { n: 1000, nsPerBar: { chitti: t(2), peer: t(3.1) } }] },
      { id: 'rsi', timings: [{ n: 1000, nsPerBar: { chitti: t(5), peer: t(5) } }] },
    ];
    const r = peerTargetTable(inds, new Set(['rsi']));
    assert.equal(r.cells, 3);
    assert.equal(r.misses, 1); // sma at 100: 0.7x < 0.8x
    assert.match(r.markdown, /\*\*miss\*\*/);
  });
  it("finds where each miss's time goes: the kernel, the copies and call, or the fresh outputs", () => {
    const cell = (n: number, ours: number, caller: number, kernel: number, peer: number) => ({ n, nsPerBar: { chitti: t(ours), 'chitti, caller outputs': t(caller), 'chitti zero-copy': t(kernel), peer: t(peer) } });
    const inds = [
      {
        id: 'rocr',
        timings: [
          cell(10_000, 3, 2, 1, 5), // allowed 2.5: into the caller's arrays it passes
          cell(100_000, 4, 3, 2, 5), // allowed 2.5: the kernel passes, the copies do not
          cell(1e6, 4, 4, 3, 5), // allowed 2.5: the kernel alone is over it
          cell(1e7, 1, 0.9, 0.5, 5), // a pass is not listed
        ],
      },
    ];
    const r = missTable(inds, new Set());
    assert.deepEqual(r.causes, { kernel: 1, 'copies and call': 1, 'fresh outputs': 1, 'not measured': 0 });
    const lines = r.markdown.split('\n').filter((l) => l.startsWith('| rocr'));
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /fresh outputs: into the caller's arrays 0\.8× the time allowed/);
    assert.match(lines[1]!, /copies and call: into the caller's arrays 1\.2× the time allowed/);
    assert.match(lines[2]!, /the kernel alone: 1\.2× the time allowed/);
    assert.deepEqual(missTable([{ id: 'x', timings: [{ n: 100, nsPerBar: { chitti: t(10), peer: t(1) } }] }], new Set()).causes['not measured'], 1);
  });
  it('judges compute() against the fresh loop and the Workspace against the preallocated one', () => {
    const inds = [{ id: 'sma', timings: [{ n: 100, nsPerBar: { chitti: t(2), 'chitti zero-copy': t(1.5), 'plain loop': t(3), 'plain loop, preallocated': t(1.4) } }] }];
    const r = loopTargetTable(inds);
    assert.equal(r.cells, 2);
    assert.equal(r.misses, 1); // the Workspace is slower than the preallocated loop
  });
  it('judges the SMA Workspace against memcpy at the largest size', () => {
    const inds = [{ id: 'sma', timings: [{ n: 1e6, nsPerBar: { 'chitti zero-copy': t(0.9), memcpy: t(0.5) } }] }];
    assert.match(memcpyTarget(inds)!, /1\.8× \(≤ 2: pass\)/);
  });
});
