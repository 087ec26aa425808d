import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { barChart, esc, lineChart, ticks } from '../report/svg.ts';
import { svgToPng } from '../report/png.ts';

describe('svg charts', () => {
  it('puts log ticks on powers of ten covering the data', () => {
    assert.deepEqual(ticks(120, 95_000, true), [100, 1_000, 10_000, 100_000]);
    assert.deepEqual(ticks(0, 9, false), [0, 2, 4, 6, 8, 10]);
  });
  it('escapes text', () => {
    assert.equal(esc('a<b & "c"'), 'a&lt;b &amp; &quot;c&quot;');
  });
  it('draws one path per series and renders to a PNG', () => {
    const svg = lineChart({ title: 't <1>', xLabel: 'n', yLabel: 'ns', logX: true, logY: true, series: [
      { name: 'a', points: [{ x: 100, y: 5 }, { x: 1e6, y: 1 }] },
      { name: 'b', dashed: true, points: [{ x: 100, y: 50 }, { x: 1e6, y: 40 }] },
    ] });
    assert.equal(svg.match(/<path /g)?.length, 2);
    assert.ok(svg.includes('t &lt;1&gt;'));
    const png = svgToPng(svg);
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  });
  it('draws one bar per value', () => {
    const svg = barChart({ title: 'x', xLabel: 'y', logX: true, reference: 1, groups: [{ label: 'g', bars: [{ name: 'p', value: 10 }, { name: 'q', value: 0.5 }] }] });
    assert.equal(svg.match(/<rect x="110"/g)?.length, 2);
  });
});
