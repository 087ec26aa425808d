// npm run bench:replay — how much replaying one series flatters code that branches on the data.
// Timed on one series called again and again, below about 10,000 bars the CPU's branch predictor
// learns that series' data-dependent branches, which real data (a new series each call) never allows;
// so peers.bench.ts calls every contender on different series in turn. This times RSI (a branch per
// bar in TA-Lib's form: gain or loss) both ways: one series replayed, and `k` series in turn, as many
// as fit in 1 MiB (a core's L2 cache; up to 1,024): the predictor memorises a few tens of thousands of
// branches, so fewer series would be learnt too. Our branch-free kernels are the control.
// Writes bench/results/replay.json. Options: --quick, --out FILE.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compute, Workspace } from '@chitti/kernels';
import { IndicatorsSync } from '@ixjb94/indicators';
import { inTurn, priceBarSets, SERIES_IN_TURN, seriesInTurn } from './lib/bars.ts';
import { interleaved } from './lib/interleave.ts';
import type { Contender } from './lib/interleave.ts';
import { load } from './lib/machine.ts';
import { rsiLoop } from './baselines/rsi.ts';
import { OURS } from './lib/contenders.ts';

const quick = process.argv.includes('--quick');
const outArg = process.argv.indexOf('--out');
const outFile = outArg > 0 ? process.argv[outArg + 1]! : join(dirname(fileURLToPath(import.meta.url)), 'results/replay.json');
const sizes = [100, 1_000, 10_000];
const timing = quick ? { sampleMs: 2, rounds: 3, warmupMs: 10 } : { sampleMs: 10, rounds: 7, warmupMs: 40 };
const PERIOD = 14;

export interface ReplayResult {
  date: string;
  quick: boolean;
  load: { start: number[]; end: number[] };
  indicator: string;
  method: { rounds: number; sampleMs: number; cacheBudgetBytes: number };
  rows: { n: number; series: number; contender: string; replayed: number; rotating: number }[];
}

const ixjb94 = new IndicatorsSync();
const loadStart = load();
const rows: ReplayResult['rows'] = [];
for (const n of sizes) {
  const k = seriesInTurn(n, 1);
  const series = priceBarSets(n, k, 1).map((b) => b.close);
  const ws = new Workspace('rsi', n);
  const out = new Float64Array(n);
  const calls: [string, (x: Float64Array) => unknown][] = [
    [OURS, (x) => compute('rsi', { close: x }, { period: PERIOD })],
    ['chitti Workspace (input copied in)', (x) => {
      ws.input('close').set(x);
      return ws.run({ period: PERIOD });
    }],
    ['plain loop, preallocated', (x) => rsiLoop(x, out, PERIOD)],
    ['@ixjb94/indicators', (x) => ixjb94.rsi(x as unknown as number[], PERIOD)],
  ];
  const contenders: Contender[] = [];
  for (const [name, call] of calls) {
    contenders.push({ name: `${name}|replayed`, fn: () => call(series[0]!) });
    contenders.push({ name: `${name}|rotating`, fn: inTurn(series, call) });
  }
  const { timings, failures } = interleaved(contenders, n, timing);
  if (failures.size) throw new Error(`failed: ${[...failures].map(([c, why]) => `${c}: ${why}`).join('; ')}`);
  for (const [name] of calls) {
    const row = { n, series: k, contender: name, replayed: timings.get(`${name}|replayed`)!.median, rotating: timings.get(`${name}|rotating`)!.median };
    rows.push(row);
    console.log(`n=${n} (${k} series) ${name}: replayed ${row.replayed.toFixed(2)}, rotating ${row.rotating.toFixed(2)} ns/bar`);
  }
  ws.dispose();
}
const result: ReplayResult = {
  date: new Date().toISOString(),
  quick,
  load: { start: loadStart, end: load() },
  indicator: `RSI(${PERIOD})`,
  method: { rounds: timing.rounds, sampleMs: timing.sampleMs, cacheBudgetBytes: SERIES_IN_TURN.bytes },
  rows,
};
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${outFile}`);
