// npm run bench:kernels — median ns per element of each kernel path, measured side by side in one run:
//   wasm-simd end to end (Float64Array in, new Float64Array out), wasm-simd zero-copy (Workspace),
//   the TypeScript reference end to end, and a memcpy floor (Float64Array.prototype.set, same data);
//   plus panel kernels (16 series) against one call per series.
// Writes bench/results/kernels.json. Options: --quick (fewer sizes and samples), --out FILE.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { compute, computePanel, indicators, kernelStatus, Workspace } from '@chitti/kernels';
import type { IndicatorDefinition, Params } from '@chitti/kernels';
import { MEASURE, median, measure } from './lib/measure.ts';
import { load } from './lib/machine.ts';
import { priceSeries } from './lib/series.ts';

const quick = process.argv.includes('--quick');
const outArg = process.argv.indexOf('--out');
const outFile = outArg > 0 ? process.argv[outArg + 1]! : join(dirname(fileURLToPath(import.meta.url)), 'results/kernels.json');
const sizes = quick ? [1_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000];
const PANEL_SERIES = 16;

const benchParams: Record<string, Params> = {
  sma: { period: 20 },
  ema: { period: 20 },
  rsi: { period: 14 },
  bbands: { period: 20, devUp: 2, devDown: 2 },
  macd: { fast: 12, slow: 26, signal: 9 },
};

function paramsFor(def: IndicatorDefinition): Params {
  return benchParams[def.id] ?? Object.fromEntries(def.params.map((p) => [p.name, p.default!]));
}

function inputsFor(def: IndicatorDefinition, n: number, seed: number): Record<string, Float64Array> {
  return Object.fromEntries(def.inputs.map((name, j) => [name, priceSeries(n, seed + j)]));
}

interface Row {
  indicator: string;
  params: Params;
  n: number;
  nsPerElement: {
    wasmEndToEnd: number;
    wasmIntoBuffers: number;
    wasmZeroCopy: number;
    typescript: number;
    typescriptIntoBuffers: number;
    memcpy: number;
  };
  /** typescript / wasmEndToEnd, both allocating their outputs. */
  speedupEndToEnd: number;
  /** typescriptIntoBuffers / wasmIntoBuffers, both writing into caller-owned output arrays. */
  speedupIntoBuffers: number;
}

const started = performance.now();
const loadStart = load();
const rows: Row[] = [];
console.log(`kernels: ${JSON.stringify(kernelStatus())}; ${quick ? 'quick' : 'full'} run`);
console.log('ns per element   wasm e2e | into bufs | zero-copy | ts e2e | ts into bufs | memcpy | speedup e2e | speedup into bufs');
for (const def of indicators) {
  const params = paramsFor(def);
  for (const n of sizes) {
    const inputs = inputsFor(def, n, 1);
    const elements = n * def.inputs.length;
    const ws = new Workspace(def.id, n);
    for (const name of def.inputs) ws.input(name).set(inputs[name]!);
    const copyDst = new Float64Array(n);
    const src = inputs[def.inputs[0]!]!;
    const opts = { quick };
    const buffers = Object.fromEntries(def.outputs.map((o) => [o.name, new Float64Array(n)]));
    const wasmEndToEnd = measure(() => compute(def.id, inputs, params, { kernel: 'wasm-simd' }), elements, opts);
    const wasmIntoBuffers = measure(() => compute(def.id, inputs, params, { kernel: 'wasm-simd', outputs: buffers }), elements, opts);
    const wasmZeroCopy = measure(() => ws.run(params), elements, opts);
    const typescript = measure(() => compute(def.id, inputs, params, { kernel: 'typescript' }), elements, opts);
    const typescriptIntoBuffers = measure(() => compute(def.id, inputs, params, { kernel: 'typescript', outputs: buffers }), elements, opts);
    const memcpy = measure(() => copyDst.set(src), n, opts);
    ws.dispose();
    const row: Row = {
      indicator: def.id,
      params,
      n,
      nsPerElement: { wasmEndToEnd, wasmIntoBuffers, wasmZeroCopy, typescript, typescriptIntoBuffers, memcpy },
      speedupEndToEnd: typescript / wasmEndToEnd,
      speedupIntoBuffers: typescriptIntoBuffers / wasmIntoBuffers,
    };
    rows.push(row);
    const f = (v: number) => v.toFixed(3).padStart(9);
    console.log(`${def.id.padEnd(8)} ${String(n).padEnd(8)} ${f(wasmEndToEnd)} ${f(wasmIntoBuffers)} ${f(wasmZeroCopy)} ${f(typescript)} ${f(typescriptIntoBuffers)} ${f(memcpy)}  ${row.speedupEndToEnd.toFixed(2)}x  ${row.speedupIntoBuffers.toFixed(2)}x`);
  }
}

interface PanelRow {
  indicator: string;
  series: number;
  n: number;
  nsPerElement: { panelZeroCopy: number; panelEndToEnd: number; singleZeroCopy: number; typescript: number };
  speedupOverSingle: number;
}
const panelRows: PanelRow[] = [];
console.log(`\npanels of ${PANEL_SERIES} series, n bars each (ns per element = per bar per series)`);
console.log('indicator  n          panel zc   panel e2e  single zc  typescript speedup (single zc / panel zc)');
for (const def of indicators.filter((d) => d.simdPanel)) {
  const params = paramsFor(def);
  for (const n of quick ? [10_000] : [10_000, 62_500, 1_000_000]) {
    const panel = Array.from({ length: PANEL_SERIES }, (_, s) => inputsFor(def, n, 100 + s));
    const elements = n * PANEL_SERIES;
    const pws = new Workspace(def.id, n, PANEL_SERIES);
    panel.forEach((inp, s) => def.inputs.forEach((name) => pws.input(name, s).set(inp[name]!)));
    const single = new Workspace(def.id, n);
    def.inputs.forEach((name) => single.input(name).set(panel[0]![name]!));
    const opts = { quick };
    const panelZeroCopy = measure(() => pws.run(params), elements, opts);
    const panelEndToEnd = measure(() => computePanel(def.id, panel, params), elements, opts);
    const singleZeroCopy = measure(() => single.run(params), n, opts);
    const typescript = measure(() => compute(def.id, panel[0]!, params, { kernel: 'typescript' }), n, opts);
    pws.dispose();
    single.dispose();
    const row: PanelRow = {
      indicator: def.id,
      series: PANEL_SERIES,
      n,
      nsPerElement: { panelZeroCopy, panelEndToEnd, singleZeroCopy, typescript },
      speedupOverSingle: singleZeroCopy / panelZeroCopy,
    };
    panelRows.push(row);
    const f = (v: number) => v.toFixed(3).padStart(9);
    console.log(`${def.id.padEnd(10)} ${String(n).padEnd(10)} ${f(panelZeroCopy)}  ${f(panelEndToEnd)}  ${f(singleZeroCopy)}  ${f(typescript)}  ${row.speedupOverSingle.toFixed(2)}x`);
  }
}

// The targets, judged on this run's medians at the largest size.
const at = (id: string, n: number) => rows.find((r) => r.indicator === id && r.n === n);
const big = Math.max(...sizes);
const panelAt = (id: string) => panelRows.filter((r) => r.indicator === id).at(-1);
const targets = [
  ...['sma', 'ema', 'bbands', 'macd'].flatMap((id) => [
    {
      target: `${id}: wasm end to end >= 1.8x the TypeScript reference at n=${big} (both allocating outputs)`,
      value: at(id, big)?.speedupEndToEnd,
      pass: (at(id, big)?.speedupEndToEnd ?? 0) >= 1.8,
    },
    {
      target: `${id}: wasm end to end >= 1.8x the TypeScript reference at n=${big} (both into caller buffers)`,
      value: at(id, big)?.speedupIntoBuffers,
      pass: (at(id, big)?.speedupIntoBuffers ?? 0) >= 1.8,
    },
  ]),
  { target: `rsi: wasm end to end no slower than the reference at n=${big}`, value: at('rsi', big)?.speedupEndToEnd, pass: (at('rsi', big)?.speedupEndToEnd ?? 0) >= 1 },
  { target: `sma: zero-copy < 1 ns per element at n=${big}`, value: at('sma', big)?.nsPerElement.wasmZeroCopy, pass: (at('sma', big)?.nsPerElement.wasmZeroCopy ?? Infinity) < 1 },
  { target: `ema panel (${PANEL_SERIES} series, n=${panelAt('ema')?.n}) < 0.6 ns per element (zero-copy)`, value: panelAt('ema')?.nsPerElement.panelZeroCopy, pass: (panelAt('ema')?.nsPerElement.panelZeroCopy ?? Infinity) < 0.6 },
  { target: `rsi panel (${PANEL_SERIES} series) >= 1.8x single-series rsi per element`, value: panelAt('rsi')?.speedupOverSingle, pass: (panelAt('rsi')?.speedupOverSingle ?? 0) >= 1.8 },
];
console.log('\ntargets (this run):');
for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.value?.toFixed(3)}`);

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(
  outFile,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
      node: process.version,
      v8: process.versions.v8,
      kernel: kernelStatus(),
      method: (({ sampleMs, samples, warmupMs }) => `median of ${samples} samples; each sample times enough iterations to last >= ${sampleMs} ms, after ${warmupMs} ms of warm-up`)(quick ? MEASURE.quick : MEASURE.full),
      quick,
      load: { start: loadStart, end: load() },
      durationSeconds: Math.round((performance.now() - started) / 1000),
      rows,
      panels: panelRows,
      targets,
      medianOfSpeedups: median(rows.filter((r) => r.n === big).map((r) => r.speedupEndToEnd)),
    },
    null,
    2,
  ) + '\n',
);
console.log(`\nwrote ${outFile}`);
