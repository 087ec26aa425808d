// Candlestick patterns: the scanner (all 61 TA-Lib CDL functions in one pass, candle averages shared)
// against one compute() call per pattern (the TypeScript reference and the WebAssembly kernels),
// TA-Lib's native addon per pattern, and technicalindicators' pattern functions (their API: one call
// per bar on the last candles). Also technicalindicators' conformance with TA-Lib on the same bars.
//   npm run bench:patterns -w @chitti/bench [-- --bars=10000,100000 --quick]
import { createRequire } from 'node:module';
import { compute, getIndicator, patternIds, scanPatterns } from '@chitti/kernels';
import { candleSeries, type Ohlc } from '../kernels/test/helpers/candles.ts';
import { load, machineInfo } from './lib/machine.ts';
import { measure } from './lib/measure.ts';

const require = createRequire(import.meta.url);
const talib = require('talib') as { execute(args: Record<string, unknown>): { begIndex: number; nbElement: number; result: { outInteger: number[] } } };
const ti = require('technicalindicators') as Record<string, (data: Record<string, number[]>) => boolean>;

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = process.argv.includes('--quick');
const sizes = (arg('bars') ?? '10000,100000').split(',').map(Number);
/** technicalindicators is called once per bar per pattern: capped, so a run stays in minutes. */
const PEER_MAX_BARS = 10_000;

/** technicalindicators' pattern functions with the candles each reads, and the TA-Lib function and sign each names. */
const PEER: readonly [fn: string, candles: number, talib: string, sign: 1 | -1][] = [
  ['abandonedbaby', 3, 'CDLABANDONEDBABY', 1],
  ['bearishengulfingpattern', 2, 'CDLENGULFING', -1],
  ['bearishharami', 2, 'CDLHARAMI', -1],
  ['bearishharamicross', 2, 'CDLHARAMICROSS', -1],
  ['bearishmarubozu', 1, 'CDLMARUBOZU', -1],
  ['bearishspinningtop', 1, 'CDLSPINNINGTOP', -1],
  ['bullishengulfingpattern', 2, 'CDLENGULFING', 1],
  ['bullishhammerstick', 1, 'CDLHAMMER', 1],
  ['bullishharami', 2, 'CDLHARAMI', 1],
  ['bullishharamicross', 2, 'CDLHARAMICROSS', 1],
  ['bullishinvertedhammerstick', 1, 'CDLINVERTEDHAMMER', 1],
  ['bullishmarubozu', 1, 'CDLMARUBOZU', 1],
  ['bullishspinningtop', 1, 'CDLSPINNINGTOP', 1],
  ['darkcloudcover', 2, 'CDLDARKCLOUDCOVER', -1],
  ['doji', 1, 'CDLDOJI', 1],
  ['downsidetasukigap', 3, 'CDLTASUKIGAP', -1],
  ['dragonflydoji', 1, 'CDLDRAGONFLYDOJI', 1],
  ['eveningdojistar', 3, 'CDLEVENINGDOJISTAR', -1],
  ['eveningstar', 3, 'CDLEVENINGSTAR', -1],
  ['gravestonedoji', 1, 'CDLGRAVESTONEDOJI', 1],
  ['hammerpattern', 5, 'CDLHAMMER', 1],
  ['hangingman', 5, 'CDLHANGINGMAN', -1],
  ['morningdojistar', 3, 'CDLMORNINGDOJISTAR', 1],
  ['morningstar', 3, 'CDLMORNINGSTAR', 1],
  ['piercingline', 2, 'CDLPIERCING', 1],
  ['shootingstar', 5, 'CDLSHOOTINGSTAR', -1],
  ['threeblackcrows', 3, 'CDL3BLACKCROWS', -1],
  ['threewhitesoldiers', 3, 'CDL3WHITESOLDIERS', 1],
];

/** technicalindicators over a series as its API allows: each function on the last `candles` bars, bar by bar. */
function peerScan(bars: { open: number[]; high: number[]; low: number[]; close: number[] }, fns: typeof PEER): Uint8Array[] {
  const n = bars.close.length;
  const warn = console.warn;
  console.warn = () => {}; // it warns on every window shorter than a pattern
  try {
    return fns.map(([fn, candles]) => {
      const hit = new Uint8Array(n);
      const f = ti[fn]!;
      for (let i = candles - 1; i < n; i++) {
        const from = i - candles + 1;
        const window = { open: bars.open.slice(from, i + 1), high: bars.high.slice(from, i + 1), low: bars.low.slice(from, i + 1), close: bars.close.slice(from, i + 1) };
        if (f(window)) hit[i] = 1;
      }
      return hit;
    });
  } finally {
    console.warn = warn;
  }
}

/** TA-Lib's optional inputs of a pattern at their defaults (optInPenetration where it has one). */
const talibOpts = (name: string) => Object.fromEntries(getIndicator(name.toLowerCase()).params.map((p) => ['optInPenetration', p.default!]));

function talibPattern(name: string, o: Ohlc): Float64Array {
  const n = o.open.length;
  const res = talib.execute({ name, startIdx: 0, endIdx: n - 1, open: Array.from(o.open), high: Array.from(o.high), low: Array.from(o.low), close: Array.from(o.close), ...talibOpts(name) });
  if (!res) throw new Error(`TA-Lib ${name} failed`);
  const out = new Float64Array(n);
  for (let i = 0; i < res.nbElement; i++) out[res.begIndex + i] = res.result.outInteger[i]!;
  return out;
}

const ms = (nsPerBar: number, n: number) => (nsPerBar * n) / 1e6;
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

const m = machineInfo();
console.log(`# Candlestick patterns (${patternIds.length} TA-Lib functions)\n`);
console.log(`Node ${process.version}, ${m.cpu ?? 'cpu'} x${m.cores}, load ${load().map((x) => x.toFixed(2)).join(' ')}${quick ? ', --quick' : ''}. Series: made-up OHLC (kernels/test/helpers/candles.ts).\n`);
console.log('| bars | contender | ms per series | ns per bar and pattern | vs scanner |');
console.log('|---:|---|---:|---:|---:|');
for (const n of sizes) {
  const o = candleSeries(n, 7);
  const inputs = { open: o.open, high: o.high, low: o.low, close: o.close };
  const P = patternIds.length;
  const rows: [string, number, number][] = [];
  const scanner = measure(() => scanPatterns(inputs, { kernel: 'wasm-simd' }), n, { quick });
  rows.push(['scanner: scanPatterns, all patterns in one pass (WebAssembly)', scanner, P]);
  rows.push(['scanner, TypeScript engine (kernel: typescript)', measure(() => scanPatterns(inputs, { kernel: 'typescript' }), n, { quick }), P]);
  rows.push(['compute() per pattern, TypeScript reference', measure(() => { for (const id of patternIds) compute(id, inputs, undefined, { kernel: 'typescript' }); }, n, { quick }), P]);
  rows.push(['compute() per pattern, WebAssembly kernels', measure(() => { for (const id of patternIds) compute(id, inputs, undefined, { kernel: 'wasm-simd' }); }, n, { quick }), P]);
  rows.push(['TA-Lib native addon (talib), per pattern', measure(() => { for (const id of patternIds) talibPattern(id.toUpperCase(), o); }, n, { quick }), P]);
  if (n <= PEER_MAX_BARS) {
    const plain = { open: Array.from(o.open), high: Array.from(o.high), low: Array.from(o.low), close: Array.from(o.close) };
    const t0 = performance.now();
    peerScan(plain, PEER);
    const elapsed = performance.now() - t0;
    rows.push([`technicalindicators, its ${PEER.length} pattern functions (one call per bar)`, (elapsed * 1e6) / n, PEER.length]);
  }
  for (const [name, nsPerBar, patterns] of rows) {
    console.log(`| ${n} | ${name} | ${fmt(ms(nsPerBar, n))} | ${fmt(nsPerBar / patterns)} | ${(nsPerBar / patterns / (scanner / P)).toFixed(2)}x |`);
  }
}

// Conformance: on the same bars, where TA-Lib fires (with the sign the peer's function names) and where the peer does.
const n = Math.min(PEER_MAX_BARS, Math.max(...sizes));
const o = candleSeries(n, 7);
const peer = peerScan({ open: Array.from(o.open), high: Array.from(o.high), low: Array.from(o.low), close: Array.from(o.close) }, PEER);
console.log(`\n## technicalindicators against TA-Lib (${n} made-up bars)\n`);
console.log('| technicalindicators | TA-Lib | TA-Lib fires | peer fires | both | TA-Lib bars the peer finds | peer bars TA-Lib confirms |');
console.log('|---|---|---:|---:|---:|---:|---:|');
PEER.forEach(([fn, , name, sign], q) => {
  const ref = talibPattern(name, o);
  let t = 0, p = 0, both = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.sign(ref[i]!) === sign;
    const b = peer[q]![i] === 1;
    if (a) t++;
    if (b) p++;
    if (a && b) both++;
  }
  const pct = (x: number, of: number) => (of === 0 ? 'n/a' : `${((100 * x) / of).toFixed(0)}%`);
  console.log(`| ${fn} | ${name} ${sign > 0 ? '+' : '-'} | ${t} | ${p} | ${both} | ${pct(both, t)} | ${pct(both, p)} |`);
});
