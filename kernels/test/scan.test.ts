// The pattern scanner: one pass over all patterns equals each pattern computed alone (and so TA-Lib,
// see patterns.test.ts), for a chosen set and a given penetration; the panel form per series; the
// stream form bar by bar (update, peek, snapshot); bad input refused with typed errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compute, createPatternScanner, IndicatorError, patternIds, restorePatternScanner, scanPatterns, scanPatternsPanel } from '../src/index.ts';
import { candleSeries, patternTestSeries } from './helpers/candles.ts';

function hitsFromCompute(id: string, ohlc: Record<string, Float64Array>, params: Record<string, number> = {}) {
  const out = compute(id, ohlc, params, { kernel: 'typescript' }).outputs[id]!;
  const bars: number[] = [], values: number[] = [];
  out.forEach((v, i) => {
    if (v !== 0 && !Number.isNaN(v)) { bars.push(i); values.push(v); }
  });
  return { bars, values };
}

function isCode(code: string, path?: string) {
  return (err: unknown) => {
    assert.ok(err instanceof IndicatorError, String(err));
    assert.equal(err.code, code, err.message);
    if (path !== undefined) assert.equal(err.path, path, err.message);
    return true;
  };
}

test('all 61 TA-Lib candlestick functions are registered patterns', () => {
  assert.equal(patternIds.length, 61);
});

test('a scan of every pattern equals each pattern computed alone, on every made-up series', () => {
  for (const { label, ohlc } of patternTestSeries()) {
    const scan = scanPatterns({ ...ohlc });
    assert.equal(scan.length, ohlc.open.length);
    assert.deepEqual(Object.keys(scan.patterns), [...patternIds]);
    for (const id of patternIds) {
      const { bars, values } = scan.patterns[id]!;
      assert.deepEqual({ bars, values }, hitsFromCompute(id, { ...ohlc }), `${label} ${id}`);
    }
  }
});

test('the WebAssembly scanner (the default) and the TypeScript one give the same hits', () => {
  for (const { label, ohlc } of patternTestSeries().slice(0, 4)) {
    const wasm = scanPatterns({ ...ohlc }, { kernel: 'wasm-simd', penetration: 0.4 });
    const ts = scanPatterns({ ...ohlc }, { kernel: 'typescript', penetration: 0.4 });
    assert.equal(wasm.kernel, 'wasm-simd');
    assert.equal(ts.kernel, 'typescript');
    assert.deepEqual(wasm.patterns, ts.patterns, label);
  }
  assert.equal(scanPatterns({ open: [1], high: [1], low: [1], close: [1] }).kernel, 'wasm-simd');
  assert.throws(() => scanPatterns({ open: [1], high: [1], low: [1], close: [1] }, { kernel: 'gpu' as never }), isCode('INVALID_PARAM_TYPE', 'kernel'));
});

test('a chosen set (TA-Lib names accepted, duplicates once) and a penetration', () => {
  const ohlc = candleSeries(2000, 5);
  const scan = scanPatterns({ ...ohlc }, { patterns: ['CDLMORNINGSTAR', 'cdldoji', 'cdlmorningstar', 'CdlMatHold'], penetration: 0.1 });
  assert.deepEqual(Object.keys(scan.patterns), ['cdlmorningstar', 'cdldoji', 'cdlmathold']);
  const { bars, values } = scan.patterns.cdlmorningstar!;
  assert.deepEqual({ bars, values }, hitsFromCompute('cdlmorningstar', { ...ohlc }, { penetration: 0.1 }));
  assert.deepEqual(scan.patterns.cdlmathold!.bars, hitsFromCompute('cdlmathold', { ...ohlc }, { penetration: 0.1 }).bars);
  assert.equal(scan.patterns.cdldoji!.lookback, 10);
});

test('series no longer than a lookback report nothing for that pattern', () => {
  const ohlc = candleSeries(11, 3);
  const scan = scanPatterns({ ...ohlc });
  for (const id of patternIds) assert.deepEqual(scan.patterns[id]!.bars.filter((b) => b < scan.patterns[id]!.lookback), []);
  assert.deepEqual(scanPatterns({ open: [], high: [], low: [], close: [] }).patterns.cdldoji!.bars, []);
});

test('bad input: typed errors naming the field', () => {
  const ohlc = candleSeries(50, 1);
  assert.throws(() => scanPatterns({ ...ohlc }, { patterns: ['cdldoji', 'cdlnothing'] }), isCode('UNKNOWN_INDICATOR', 'patterns[1]'));
  assert.throws(() => scanPatterns({ ...ohlc }, { patterns: ['sma'] }), isCode('UNKNOWN_INDICATOR', 'patterns[0]'));
  assert.throws(() => scanPatterns({ ...ohlc }, { patterns: 'cdldoji' as never }), isCode('INVALID_PARAM_TYPE', 'patterns'));
  assert.throws(() => scanPatterns({ ...ohlc }, { patterns: [] }), isCode('PARAM_OUT_OF_RANGE', 'patterns'));
  assert.throws(() => scanPatterns({ ...ohlc }, { penetration: -1 }), isCode('PARAM_OUT_OF_RANGE', 'params.penetration'));
  assert.throws(() => scanPatterns({ ...ohlc }, { penetration: Number.NaN }), (err: unknown) => err instanceof IndicatorError && err.path === 'params.penetration');
  const close = ohlc.close.slice();
  close[7] = Number.POSITIVE_INFINITY;
  assert.throws(() => scanPatterns({ ...ohlc, close }), isCode('NON_FINITE_INPUT'));
  assert.throws(() => scanPatterns({ open: ohlc.open, high: ohlc.high, low: ohlc.low }), isCode('MISSING_INPUT'));
  assert.throws(() => scanPatterns({ ...ohlc, volume: ohlc.close }), isCode('UNEXPECTED_INPUT'));
});

test('panel: one result per series, each equal to its own scan; a bad series is named', () => {
  const a = candleSeries(800, 11), b = candleSeries(500, 12);
  const [ra, rb] = scanPatternsPanel([{ ...a }, { ...b }], { patterns: ['cdlengulfing', 'cdlhammer'] });
  assert.deepEqual(ra, scanPatterns({ ...a }, { patterns: ['cdlengulfing', 'cdlhammer'] }));
  assert.deepEqual(rb, scanPatterns({ ...b }, { patterns: ['cdlengulfing', 'cdlhammer'] }));
  const bad = { ...b, low: b.low.slice() };
  bad.low[3] = Number.NaN;
  assert.throws(() => scanPatternsPanel([{ ...a }, bad]), (err: unknown) => err instanceof IndicatorError && err.code === 'NON_FINITE_INPUT' && err.path.startsWith('panel[1].'));
  assert.throws(() => scanPatternsPanel([]), isCode('INVALID_PANEL', 'panel'));
});

test('stream: the patterns each bar completes equal the batch scan; peek is the forming bar and commits nothing; snapshots resume', () => {
  const ohlc = candleSeries(1500, 21);
  const batch = scanPatterns({ ...ohlc });
  const expected = new Map<number, { pattern: string; value: number }[]>();
  for (const id of patternIds) {
    const h = batch.patterns[id]!;
    h.bars.forEach((bar, j) => {
      const list = expected.get(bar) ?? [];
      list.push({ pattern: id, value: h.values[j]! });
      expected.set(bar, list);
    });
  }
  let scanner = createPatternScanner();
  assert.deepEqual(scanner.patterns, [...patternIds]);
  for (let i = 0; i < ohlc.open.length; i++) {
    const bar = [ohlc.open[i]!, ohlc.high[i]!, ohlc.low[i]!, ohlc.close[i]!] as const;
    const peeked = scanner.peek(...bar);
    const got = scanner.update(...bar);
    assert.deepEqual(got, expected.get(i) ?? [], `bar ${i}`);
    assert.deepEqual(peeked, got, `peek at bar ${i}`);
    if (i === 700) scanner = restorePatternScanner(JSON.parse(JSON.stringify(scanner.snapshot())));
  }
  assert.equal(scanner.bars, ohlc.open.length);
});

test('stream: a bad bar is refused and commits nothing; a forged snapshot is refused', () => {
  const scanner = createPatternScanner({ patterns: ['cdldoji', 'cdlhikkake'] });
  scanner.update(10, 11, 9, 10.5);
  assert.throws(() => scanner.update(10, Number.NaN, 9, 10), isCode('NON_FINITE_INPUT'));
  assert.equal(scanner.bars, 1);
  const snap = scanner.snapshot();
  assert.throws(() => restorePatternScanner({ ...snap, streams: [] }), isCode('INVALID_STATE'));
  assert.throws(() => restorePatternScanner({ ...snap, streams: [snap.streams[0]!, snap.streams[0]!] }), isCode('INVALID_STATE'));
  const sma = { version: 1 as const, id: 'sma', params: { period: 30 }, bars: 0, state: {} };
  assert.throws(() => restorePatternScanner({ ...snap, streams: [sma] }), isCode('INVALID_STATE', 'snapshot.streams[0]'));
  const uneven = { ...snap, streams: [snap.streams[0]!, { ...snap.streams[1]!, bars: 0, state: createPatternScanner({ patterns: ['cdlhikkake'] }).snapshot().streams[0]!.state }] };
  assert.throws(() => restorePatternScanner(uneven), isCode('INVALID_STATE', 'snapshot.streams'));
});
