import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fastestPeer, loopTargetTable, memcpyTarget, peerTargetTable, requiredSpeedup } from '../report/targets.ts';

const t = (median: number) => ({ median, p25: median, p75: median, samples: 5 });

describe('compute() targets', () => {
  it('takes the fastest peer, never ours, the loops or memcpy', () => {
    assert.deepEqual(fastestPeer({ chitti: t(1), memcpy: t(0.1), 'plain loop': t(0.5), 'plain loop, preallocated': t(0.4), 'chitti zero-copy': t(0.2), a: t(3), b: t(2) }), { name: 'b', ns: 2 });
    assert.equal(fastestPeer({ chitti: t(1) }), undefined);
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
