// The Run section of REPORT.md: when, where and how long, from the results files and results/run.json
// (written by run.ts when the benchmarks run together).
import type { PeersResult } from '../peers.bench.ts';
import { table } from './format.ts';
import type { ServiceResult } from './service.ts';

export interface KernelsResult {
  date: string;
  quick: boolean;
  load?: { start: number[]; end: number[] };
  durationSeconds?: number;
  rows: { indicator: string; n: number; nsPerElement: Record<string, number>; speedupEndToEnd: number }[];
  targets: { target: string; value?: number; pass: boolean }[];
}

export interface RunResult {
  start: string;
  end: string;
  quick: boolean;
  steps: { file: string; seconds: number }[];
  /** Wall time of the benchmarks (report generation excluded). */
  totalSeconds: number;
  /** The issue's bound on the whole run, seconds. */
  budgetSeconds: number;
}

const loadText = (l?: { start: number[]; end: number[] }) => (l ? `${l.start.map((v) => v.toFixed(2)).join(' / ')} → ${l.end.map((v) => v.toFixed(2)).join(' / ')}` : 'not recorded');

export function runSection({ run, kernels, peers, service, peersFile = 'peers.json' }: { run?: RunResult; kernels?: KernelsResult; peers: PeersResult; service?: ServiceResult; peersFile?: string }): string[] {
  const m = peers.machine;
  const md: string[] = ['## Run', ''];
  md.push(table(['', ''], [
    ['machine', `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}`],
    ['Node', `${m.node} (V8 ${m.v8})`],
    ['our kernel', `${peers.kernel.kernel}${peers.kernel.simd ? ' (SIMD)' : ''}`],
    ['packages', Object.entries({ ...peers.packages, ...service?.packages }).map(([k, v]) => `${k} ${v}`).join(', ')],
  ]));
  md.push('');
  const files: { name: string; date: string; quick: boolean; seconds?: number; load?: { start: number[]; end: number[] } }[] = [
    ...(kernels ? [{ name: 'kernels.json', date: kernels.date, quick: kernels.quick, seconds: kernels.durationSeconds, load: kernels.load }] : []),
    { name: peersFile, date: peers.date, quick: peers.quick, seconds: peers.durationSeconds, load: peers.load },
    ...(service ? [{ name: 'service.json', date: service.date, quick: service.quick, seconds: service.durationSeconds, load: service.load }] : []),
  ];
  md.push('Each benchmark wrote its results file at the end of its run; load averages are 1 / 5 / 15 minutes, at its start → at its end:');
  md.push('');
  md.push(table(['results', 'written', 'mode', 'wall time', 'load average'], files.map((f) => [
    `\`results/${f.name}\``, f.date, f.quick ? 'quick' : 'full', f.seconds === undefined ? 'not recorded' : `${f.seconds} s`, loadText(f.load),
  ])));
  md.push('');
  // run.json describes this report's data only if every results file was written during that run.
  const within = run && files.every((f) => f.date >= run.start && f.date <= run.end);
  if (run && within) {
    md.push(`These results come from one \`npm run ${run.quick ? 'bench:quick' : 'bench'}\` (${run.start} to ${run.end}): ${run.steps.map((s) => `${s.file} ${s.seconds} s`).join(', ')}; **${run.totalSeconds} s** in all before this report was generated (${(run.totalSeconds / 60).toFixed(1)} min), against the issue's bound of ${run.budgetSeconds / 60} min: ${run.totalSeconds <= run.budgetSeconds ? 'within' : '**over**'}.`);
  } else {
    md.push('These results do not all come from one `npm run bench` (see the dates above): the whole run\'s wall time is not known for them.');
  }
  md.push('');
  return md;
}
