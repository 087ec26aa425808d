import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interleaved } from '../lib/interleave.ts';

describe('interleaved sampling', () => {
  it('ranks a slower contender slower and drops one that throws, with its reason', () => {
    const a = new Float64Array(1000);
    const b = new Float64Array(1000);
    const { timings, failures } = interleaved(
      [
        { name: 'fast', fn: () => a.fill(1) },
        { name: 'slow', fn: () => { for (let r = 0; r < 20; r++) b.fill(r); } },
        { name: 'broken', fn: () => { throw new Error('out of memory'); } },
      ],
      1000,
      { sampleMs: 1, rounds: 5, warmupMs: 2 },
    );
    assert.equal(timings.get('fast')!.samples, 5);
    assert.ok(timings.get('slow')!.median > timings.get('fast')!.median);
    assert.equal(failures.get('broken'), 'out of memory');
    assert.equal(timings.has('broken'), false);
  });
});
