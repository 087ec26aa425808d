// The service before and after section of REPORT.md, from results/service-versions.json.
import { num, table } from './format.ts';

export interface VersionsResult {
  date: string;
  quick: boolean;
  load: { start: number[]; end: number[] };
  before: { commit: string };
  after: { commit: string; uncommittedChanges: boolean };
  /** Connections: one count for every case (runs before the large cases), or per case. */
  method: { rounds: number; secondsPerSample: number; connections: number | Record<string, number> };
  cases: { case: string; description: string; before: { requestsPerSecond: number; cpuMicrosPerRequest: number }; after: { requestsPerSecond: number; cpuMicrosPerRequest: number }; ratio: number; ratioRange: number[] }[];
}

export function versionsSection(v: VersionsResult): string[] {
  return [
    '## The service before and after (bench/service/versions.ts)',
    '',
    `From \`results/service-versions.json\` (${v.date}${v.quick ? ', quick' : ''}, load ${v.load.start.map((x) => x.toFixed(2)).join(' / ')} → ${v.load.end.map((x) => x.toFixed(2)).join(' / ')}): the service at ${v.before.commit.slice(0, 7)} (before) and at ${v.after.commit.slice(0, 7)}${v.after.uncommittedChanges ? ' with uncommitted changes' : ''} (after), both with metrics on, side by side in ${v.method.rounds} rounds of ${v.method.secondsPerSample} s per sample, ${typeof v.method.connections === 'number' ? `${v.method.connections} connections` : `connections ${Object.entries(v.method.connections).map(([id, n]) => `${id} ${n}`).join(', ')}`}, alternating. \`npm run bench:service-versions -w @chitti/bench\`.`,
    '',
    table(['request', 'before req/s', 'after req/s', 'after / before (range over rounds)', 'server CPU per request, µs: before → after'], v.cases.map((c) => [
      c.description,
      num(c.before.requestsPerSecond),
      num(c.after.requestsPerSecond),
      `${num(c.ratio)}× (${c.ratioRange.map(num).join('–')})`,
      `${num(c.before.cpuMicrosPerRequest)} → ${num(c.after.cpuMicrosPerRequest)}`,
    ])),
    '',
  ];
}
