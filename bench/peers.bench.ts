// npm run bench:peers — our kernels against the JavaScript indicator libraries, in one run:
//   for every indicator of the registry that has a TA-Lib counterpart, and every peer that has it,
//   (1) conformance of each one's output with TA-Lib (lib/conformance.ts), and
//   (2) median ns per bar at several sizes, all contenders sampled in interleaved rounds
//       (lib/interleave.ts): the peers as their users call them from Float64Arrays, ours end to end
//       (compute), into the caller's output arrays, and zero-copy (Workspace), and a memcpy floor.
// Writes bench/results/peers.json. Options: --quick, --out FILE, --only id,id (indicators).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { compute, indicators, kernelStatus, Workspace } from '@chitti/kernels';
import type { IndicatorDefinition, Params } from '@chitti/kernels';
import { inTurn, priceBarSets, priceBars, SERIES_IN_TURN, seriesInTurn } from './lib/bars.ts';
import type { Bars } from './lib/bars.ts';
import { classify } from './lib/conformance.ts';
import type { Conformance } from './lib/conformance.ts';
import { tooSlow } from './lib/budget.ts';
import { interleaved } from './lib/interleave.ts';
import type { Contender, Timing } from './lib/interleave.ts';
import { load, machineInfo, packageVersion } from './lib/machine.ts';
import { benchParams, taOpts } from './lib/params.ts';
import { loadPeers } from './peers/index.ts';
import { baselines, runFresh } from './baselines/index.ts';
import { LOOP_FRESH, LOOP_PREALLOCATED, MEMCPY, OURS, OURS_CALLER_OUTPUTS, OURS_ZERO_COPY } from './lib/contenders.ts';
import { alignTalib, talib } from './peers/talib.ts';
import type { TalibResult } from './peers/talib.ts';
import type { Peer, PeerCall, TaOpts } from './peers/types.ts';
import { Unsupported } from './peers/types.ts';

const quick = process.argv.includes('--quick');
const argValue = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const outFile = argValue('--out') ?? join(dirname(fileURLToPath(import.meta.url)), 'results/peers.json');
const only = argValue('--only')?.split(',');
const sizes = argValue('--sizes')?.split(',').map(Number) ?? (quick ? [100, 1_000] : [100, 1_000, 10_000, 100_000, 1_000_000]);
const timing = quick ? { sampleMs: 2, rounds: 3, warmupMs: 10 } : { sampleMs: 10, rounds: 7, warmupMs: 40 };
// At a million bars one round of the slowest peers takes seconds: fewer rounds keep the run under 15
// minutes, and a peer more than SLOW_FACTOR times slower than ours end to end at the size before is
// not timed there (its time per bar at that size, and how it scales up to it, are in the tables).
const roundsAt = (n: number) => (n >= 1_000_000 ? Math.min(5, timing.rounds) : timing.rounds);
const SKIP_SLOW_AT = 1_000_000;
const SLOW_FACTOR = 10;
const CONFORMANCE_BARS = 2_000;

const started = performance.now();
const loadStart = load();
const { peers, missing } = await loadPeers();
const defs = indicators.filter((d) => d.talib && (!only || only.includes(d.id)));

function inputsOf(def: IndicatorDefinition, bars: Bars): Record<string, Float64Array> {
  return Object.fromEntries(def.inputs.map((name) => [name, bars[name]]));
}

function talibReference(def: IndicatorDefinition, bars: Bars, opts: TaOpts): Float64Array[] {
  const call = peers.find((p) => p.id === 'talib')!.functions[def.talib!.name]!(opts);
  return call.align(call.run(bars), bars.close.length) as Float64Array[];
}

interface IndicatorResult {
  id: string;
  talib: string;
  params: Params;
  taOpts: TaOpts;
  outputs: string[];
  /** By contender: conformance with TA-Lib on CONFORMANCE_BARS bars. */
  conformance: Record<string, Conformance | { error: string }>;
  /** Peers that have the function but not with these parameters, or failed. */
  skipped: Record<string, string>;
  /** By size: the number of different series the contenders were called on in turn, and the timings. */
  timings: { n: number; series: number; nsPerBar: Record<string, Timing> }[];
  /** Peers not timed at a size because they were more than SLOW_FACTOR times slower than ours at the size before. */
  notTimed: { peer: string; n: number; previousN: number; timesOurs: number }[];
}

const results: IndicatorResult[] = [];
for (const def of defs) {
  const params = benchParams(def);
  const opts = taOpts(def, params);
  const taName = def.talib!.name;
  const outputNames = talib.explain(taName).outputs.map((o) => o.name);
  const skipped: Record<string, string> = {};
  const calls = new Map<Peer, PeerCall>();
  for (const peer of peers) {
    const make = peer.functions[taName];
    if (!make) continue;
    // A new instance for each indicator (talib-web): one indicator's failure does not carry over.
    await peer.fresh?.();
    try {
      calls.set(peer, make(opts));
    } catch (err) {
      skipped[peer.id] = err instanceof Unsupported ? `unsupported parameters: ${err.message}` : `error: ${(err as Error).message}`;
    }
  }

  // Conformance, on rough bars long enough for recursive indicators to converge.
  const cb = priceBars(CONFORMANCE_BARS, 42);
  const ref = talibReference(def, cb, opts);
  const conformance: IndicatorResult['conformance'] = {};
  const ours = compute(def.id, inputsOf(def, cb), params);
  conformance[OURS] = classify(outputNames, def.outputs.map((o) => ours.outputs[o.name]!), ref);
  for (const [peer, call] of calls) {
    try {
      conformance[peer.id] = classify(outputNames, call.align(call.run(cb), CONFORMANCE_BARS), ref);
    } catch (err) {
      conformance[peer.id] = { error: (err as Error).message.split('\n')[0]! };
      calls.delete(peer);
      skipped[peer.id] = `failed: ${(err as Error).message.split('\n')[0]}`;
    }
  }

  const timings: IndicatorResult['timings'] = [];
  const notTimed: IndicatorResult['notTimed'] = [];
  for (const n of sizes) {
    const previous = timings.at(-1);
    if (n >= SKIP_SLOW_AT && previous) {
      const ids = [...calls.keys()].map((p) => p.id);
      for (const { name, timesOurs } of tooSlow(previous.nsPerBar, OURS, SLOW_FACTOR, ids)) {
        notTimed.push({ peer: name, n, previousN: previous.n, timesOurs });
        calls.delete([...calls.keys()].find((p) => p.id === name)!);
      }
    }
    // Different series in turn (lib/bars.ts, SERIES_IN_TURN), not one replayed.
    const k = seriesInTurn(n, def.inputs.length);
    const barSets = priceBarSets(n, k, 1);
    const bars = barSets[0]!;
    const inputSets = barSets.map((b) => inputsOf(def, b));
    const workspaces = inputSets.map((inputs) => {
      const ws = new Workspace(def.id, n);
      for (const name of def.inputs) ws.input(name).set(inputs[name]!);
      return ws;
    });
    const copy = new Float64Array(n);
    const callerOutputs = Object.fromEntries(def.outputs.map((o) => [o.name, new Float64Array(n)]));
    const baseline = baselines[def.id];
    const loopOutputs = def.outputs.map(() => new Float64Array(n));
    // A peer that fails at this size (e.g. talib-web's fixed WebAssembly memory) is left out of it.
    const working = [...calls].filter(([peer, call]) => {
      try {
        call.run(bars);
        return true;
      } catch (err) {
        skipped[peer.id] = `${skipped[peer.id] ? `${skipped[peer.id]}; ` : ''}fails at n = ${n}: ${(err as Error).message.split('\n')[0]}`;
        return false;
      }
    });
    const contenders: Contender[] = [
      { name: MEMCPY, fn: inTurn(barSets, (b) => copy.set(b.close)) },
      { name: OURS, fn: inTurn(inputSets, (inputs) => compute(def.id, inputs, params)) },
      { name: OURS_CALLER_OUTPUTS, fn: inTurn(inputSets, (inputs) => compute(def.id, inputs, params, { outputs: callerOutputs })) },
      { name: OURS_ZERO_COPY, fn: inTurn(workspaces, (ws) => ws.run(params)) },
      ...(baseline
        ? [
            { name: LOOP_FRESH, fn: inTurn(inputSets, (inputs) => runFresh(baseline, inputs, n, params)) },
            { name: LOOP_PREALLOCATED, fn: inTurn(inputSets, (inputs) => baseline.run(inputs, loopOutputs, params)) },
          ]
        : []),
      ...working.map(([peer, call]) => ({ name: peer.id, fn: inTurn(barSets, (b) => call.run(b)) })),
    ];
    const { timings: t, failures } = interleaved(contenders, n, { ...timing, rounds: roundsAt(n) });
    for (const [name, why] of failures) skipped[name] = `${skipped[name] ? `${skipped[name]}; ` : ''}fails at n = ${n}: ${why}`;
    for (const ws of workspaces) ws.dispose();
    timings.push({ n, series: k, nsPerBar: Object.fromEntries(t) });
    const line = [...t].map(([name, v]) => `${name} ${v.median.toFixed(2)}`).join(' | ');
    console.log(`${def.id.padEnd(8)} n=${String(n).padEnd(8)} ns/bar: ${line}`);
  }
  for (const [id, c] of Object.entries(conformance)) console.log(`  conformance ${id}: ${'summary' in c ? c.summary : `error ${c.error}`}`);
  results.push({ id: def.id, talib: taName, params, taOpts: opts, outputs: outputNames, conformance, skipped, timings, notTimed });
}

const packages = Object.fromEntries(['@chitti/kernels', ...peers.map((p) => p.package), ...missing.map((m) => m.id)].map((name) => {
  try {
    return [name, packageVersion(name)];
  } catch {
    return [name, 'not installed'];
  }
}));
const output = {
  date: new Date().toISOString(),
  quick,
  machine: machineInfo(),
  load: { start: loadStart, end: load() },
  durationSeconds: Math.round((performance.now() - started) / 1000),
  kernel: kernelStatus(),
  packages,
  method: {
    sizes,
    ...timing,
    roundsAtOneMillion: roundsAt(1_000_000),
    skipSlowAt: SKIP_SLOW_AT,
    garbageCollection: 'paid by each contender: calls back to back, no collection between samples',
    slowFactor: SLOW_FACTOR,
    conformanceBars: CONFORMANCE_BARS,
    unit: 'ns per bar (one bar = one value of each input series), median of the rounds',
    data: 'deterministic random-walk bars (bench/lib/bars.ts), seeds 1, 2, ... for timing, seed 42 for conformance',
    rotation: { ...SERIES_IN_TURN },
  },
  peers: peers.map((p) => ({ id: p.id, package: p.package, version: packages[p.package], implementation: p.implementation, callStyle: p.callStyle, caveat: p.caveat ?? '', functions: Object.keys(p.functions).length })),
  missing,
  withoutTalib: indicators.filter((d) => !d.talib).map((d) => d.id),
  indicators: results,
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(output, null, 2) + '\n');
console.log(`wrote ${outFile} in ${output.durationSeconds} s`);

export type PeersResult = typeof output;
