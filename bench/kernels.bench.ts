// npm run bench:kernels — median ns per element of each kernel path, measured side by side in one run:
//   wasm-simd end to end (Float64Array in, new Float64Array out), wasm-simd zero-copy (Workspace),
//   the TypeScript reference end to end, and a memcpy floor (Float64Array.prototype.set, same data);
//   plus panel kernels (16 series) against one call per series.
// Each path is called on different series in turn (lib/bars.ts's SERIES_IN_TURN: as many as fill
// 1 MiB, so small sizes are not one series replayed from warm caches and a trained branch
// predictor), in interleaved rounds (lib/interleave.ts), garbage collection paid by each path.
// Writes bench/results/kernels.json. Options: --quick (fewer sizes and samples), --out FILE.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { compute, computePanel, indicators, kernelStatus, Workspace } from '@chitti/kernels';
import type { IndicatorDefinition, Params } from '@chitti/kernels';
import { inTurn, SERIES_IN_TURN, seriesInTurn } from './lib/bars.ts';
import { interleaved } from './lib/interleave.ts';
import type { Contender } from './lib/interleave.ts';
import { median } from './lib/measure.ts';
import { load } from './lib/machine.ts';
import { priceSeries } from './lib/series.ts';

const quick = process.argv.includes('--quick');
const outArg = process.argv.indexOf('--out');
const outFile = outArg > 0 ? process.argv[outArg + 1]! : join(dirname(fileURLToPath(import.meta.url)), 'results/kernels.json');
const sizes = quick ? [1_000, 100_000] : [1_000, 10_000, 100_000, 1_000_000];
const PANEL_SERIES = 16;
const timing = quick ? { sampleMs: 2, rounds: 7, warmupMs: 20 } : { sampleMs: 10, rounds: 11, warmupMs: 50 };

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

/** `count` different input sets of n bars (seeds from `firstSeed` on, none shared between sets). */
function inputSetsFor(def: IndicatorDefinition, n: number, count: number, firstSeed: number): Record<string, Float64Array>[] {
  return Array.from({ length: count }, (_, s) => inputsFor(def, n, firstSeed + s * def.inputs.length));
}

/** A Workspace per input set, its inputs copied in. */
function workspacesFor(def: IndicatorDefinition, n: number, sets: readonly Record<string, Float64Array>[]): Workspace[] {
  return sets.map((inputs) => {
    const ws = new Workspace(def.id, n);
    for (const name of def.inputs) ws.input(name).set(inputs[name]!);
    return ws;
  });
}

/** Median ns per element of each contender, by name (interleaved rounds); a contender that throws fails the run. */
function timeAll(contenders: Contender[], elements: number): Record<string, number> {
  const { timings, failures } = interleaved(contenders, elements, timing);
  if (failures.size > 0) throw new Error(`failed: ${[...failures].map(([name, why]) => `${name}: ${why}`).join('; ')}`);
  return Object.fromEntries([...timings].map(([name, t]) => [name, t.median]));
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
    const sets = inputSetsFor(def, n, seriesInTurn(n, def.inputs.length), 1);
    const elements = n * def.inputs.length;
    const workspaces = workspacesFor(def, n, sets);
    const copies = def.inputs.map(() => new Float64Array(n));
    const buffers = Object.fromEntries(def.outputs.map((o) => [o.name, new Float64Array(n)]));
    const t = timeAll(
      [
        { name: 'wasmEndToEnd', fn: inTurn(sets, (inputs) => compute(def.id, inputs, params, { kernel: 'wasm-simd' })) },
        { name: 'wasmIntoBuffers', fn: inTurn(sets, (inputs) => compute(def.id, inputs, params, { kernel: 'wasm-simd', outputs: buffers })) },
        { name: 'wasmZeroCopy', fn: inTurn(workspaces, (ws) => ws.run(params)) },
        { name: 'typescript', fn: inTurn(sets, (inputs) => compute(def.id, inputs, params, { kernel: 'typescript' })) },
        { name: 'typescriptIntoBuffers', fn: inTurn(sets, (inputs) => compute(def.id, inputs, params, { kernel: 'typescript', outputs: buffers })) },
        { name: 'memcpy', fn: inTurn(sets, (inputs) => def.inputs.forEach((name, j) => copies[j]!.set(inputs[name]!))) },
      ],
      elements,
    );
    const { wasmEndToEnd, wasmIntoBuffers, wasmZeroCopy, typescript, typescriptIntoBuffers, memcpy } = t as Row['nsPerElement'];
    for (const ws of workspaces) ws.dispose();
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
    const panel = inputSetsFor(def, n, PANEL_SERIES, 100);
    const pws = new Workspace(def.id, n, PANEL_SERIES);
    panel.forEach((inp, s) => def.inputs.forEach((name) => pws.input(name, s).set(inp[name]!)));
    // One series per call, the panel's series in turn (as many as fill SERIES_IN_TURN's bytes).
    const singleSets = panel.slice(0, seriesInTurn(n, def.inputs.length));
    const singles = workspacesFor(def, n, singleSets);
    // Per bar per series: a panel call covers PANEL_SERIES series, and so does each sample call of
    // the single-series paths (PANEL_SERIES calls, the series in turn).
    const times = (call: () => unknown) => () => {
      for (let s = 0; s < PANEL_SERIES; s++) call();
    };
    const t = timeAll(
      [
        { name: 'panelZeroCopy', fn: () => pws.run(params) },
        { name: 'panelEndToEnd', fn: () => computePanel(def.id, panel, params) },
        { name: 'singleZeroCopy', fn: times(inTurn(singles, (ws) => ws.run(params))) },
        { name: 'typescript', fn: times(inTurn(singleSets, (inputs) => compute(def.id, inputs, params, { kernel: 'typescript' }))) },
      ],
      n * PANEL_SERIES,
    );
    const { panelZeroCopy, panelEndToEnd, singleZeroCopy, typescript } = t as PanelRow['nsPerElement'];
    pws.dispose();
    for (const ws of singles) ws.dispose();
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

// The issue's targets, judged on this run's medians at the largest size.
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
      method: `medians of ${timing.rounds} interleaved rounds (every path sampled once a round); each sample times enough calls to last >= ${timing.sampleMs} ms, after ${timing.warmupMs} ms of warm-up; each path called on different series in turn (up to ${SERIES_IN_TURN.maxSeries}, as many as fill ${SERIES_IN_TURN.bytes} bytes), garbage collection paid by the path that drives it`,
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
