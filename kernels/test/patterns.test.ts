// Every candlestick pattern against TA-Lib on series made to trigger patterns (and on walks): both
// kernels equal TA-Lib value for value, every pattern fires somewhere in the data (so agreement is
// not agreement on zeros), and the stream (update and peek) equals the batch bar for bar.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compute, createStream, indicators } from '../src/index.ts';
import type { IndicatorDefinition, Params } from '../src/types.ts';
import { candleSeries, patternTestSeries, type Ohlc } from './helpers/candles.ts';
import { assertClose, EXACT } from './helpers/compare.ts';
import { talibOutputs } from './helpers/oracle.ts';
import { ohlcv, shapes } from './helpers/series.ts';

export const patterns = indicators.filter((d) => d.group === 'Pattern Recognition');

const data: { label: string; ohlc: Ohlc }[] = [
  ...patternTestSeries(),
  ...[0, 1, 3].map((k) => {
    const { open, high, low, close } = ohlcv(shapes[k]!.make(2000, 21 + k), 21 + k);
    return { label: `walk ${shapes[k]!.name}`, ohlc: { open, high, low, close } };
  }),
];

function paramSets(def: IndicatorDefinition): Params[] {
  if (!def.params.some((p) => p.name === 'penetration')) return [{}];
  return [0, 0.1, 0.3, 0.5, 0.8, 1, 2].map((penetration) => ({ penetration }));
}

for (const def of patterns) {
  describe(`pattern ${def.id} vs TA-Lib ${def.talib!.name}`, () => {
    test('made-up series and walks: both kernels equal TA-Lib exactly, and the pattern fires', () => {
      let fired = 0;
      for (const { label, ohlc } of data) {
        for (const params of paramSets(def)) {
          const expected = talibOutputs(def, { ...ohlc }, params)[0]!;
          for (const kernel of ['typescript', 'wasm-simd'] as const) {
            const got = compute(def.id, { ...ohlc }, params, { kernel }).outputs[def.id]!;
            assertClose(got, expected, EXACT, `${label} ${JSON.stringify(params)} ${kernel}`);
          }
          for (const v of expected) if (v !== 0 && !Number.isNaN(v)) fired++;
        }
      }
      assert.ok(fired > 0, `${def.id} never fires in the test data`);
    });

    test('the stream (update and peek) equals the batch bar for bar on a made-up series', () => {
      const ohlc = candleSeries(600, 42);
      const params = paramSets(def).at(-2)!;
      const batch = compute(def.id, { ...ohlc }, params, { kernel: 'typescript' }).outputs[def.id]!;
      const stream = createStream(def.id, params);
      for (let i = 0; i < 600; i++) {
        const peeked = stream.peek(ohlc.open[i]!, ohlc.high[i]!, ohlc.low[i]!, ohlc.close[i]!);
        const got = stream.update(ohlc.open[i]!, ohlc.high[i]!, ohlc.low[i]!, ohlc.close[i]!);
        assert.ok(Object.is(got, batch[i]) && Object.is(peeked, batch[i]), `bar ${i}: stream ${got}, peek ${peeked}, batch ${batch[i]}`);
      }
    });
  });
}

test("the patterns' AssemblyScript (kernel.as.ts files, assembly/patterns.generated.ts) is as generated from their detect functions (run npm run build after editing a pattern)", async () => {
  const { readFileSync } = await import('node:fs');
  const { patternKernels } = await import('../scripts/patterns.ts');
  const files = await patternKernels();
  assert.equal(Object.keys(files).length, patterns.length + 1); // and assembly/patterns.generated.ts
  for (const [rel, content] of Object.entries(files)) {
    assert.equal(readFileSync(new URL(`../${rel}`, import.meta.url), 'utf8'), content, `kernels/${rel} is stale`);
  }
});
