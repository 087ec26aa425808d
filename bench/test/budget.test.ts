import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tooSlow } from '../lib/budget.ts';

const t = (median: number) => ({ median, p25: median, p75: median, samples: 5 });

describe('time budget', () => {
  it('leaves out only contenders more than the factor slower than ours', () => {
    const timings = { ours: t(10), near: t(100), far: t(101), memcpy: t(500) };
    assert.deepEqual(tooSlow(timings, 'ours', 10, ['near', 'far', 'missing']), [{ name: 'far', timesOurs: 10.1 }]);
  });
  it('leaves out nobody when ours was not timed', () => {
    assert.deepEqual(tooSlow({ far: t(1000) }, 'ours', 10, ['far']), []);
  });
});
