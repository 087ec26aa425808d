// The "Replayed inputs" section of REPORT.md, from results/replay.json (bench/replay.bench.ts).
import { num, table } from './format.ts';
import type { ReplayResult } from '../replay.bench.ts';

export function replaySection(r: ReplayResult): string[] {
  return [
    '### Replayed inputs and the branch predictor (bench/replay.bench.ts)',
    '',
    `From \`results/replay.json\` (${r.date}${r.quick ? ', quick' : ''}, load ${r.load.start.map((x) => x.toFixed(2)).join(' / ')} → ${r.load.end.map((x) => x.toFixed(2)).join(' / ')}): ${r.indicator}, each contender timed on one series replayed and on as many different series in turn as fit in ${r.method.cacheBudgetBytes / 2 ** 20} MiB, interleaved in ${r.method.rounds} rounds, medians, ns per bar. TA-Lib's RSI adds each bar's move to the gains or to the losses: a branch on the data. \`npm run bench:replay -w @chitti/bench\`.`,
    '',
    table(['n', 'series in turn', 'contender', 'one series replayed', 'different series in turn', 'in turn / replayed'], r.rows.map((row) => [
      row.n.toLocaleString('en-US'),
      String(row.series),
      row.contender,
      num(row.replayed),
      num(row.rotating),
      `${num(row.rotating / row.replayed)}×`,
    ])),
    '',
  ];
}
