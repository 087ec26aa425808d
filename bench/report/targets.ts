// The speed targets of compute() (issue 14), judged from results/peers.json: each a table of
// figures measured in one run, with pass or miss per cell. Pure functions of the results, so the
// report shows what the data says and the tests can check the judging.
import type { Timing } from '../lib/interleave.ts';
import { LOOP_FRESH, LOOP_PREALLOCATED, MEMCPY, OURS, OURS_CALLER_OUTPUTS, OURS_ZERO_COPY as WORKSPACE, OWN_CONTENDERS } from '../lib/contenders.ts';
import { num, table } from './format.ts';

export interface IndicatorTimings {
  id: string;
  timings: { n: number; nsPerBar: Record<string, Timing> }[];
}

/** The fastest peer at one size: its name and median ns per bar (undefined if no peer was timed). */
export function fastestPeer(nsPerBar: Readonly<Record<string, Timing>>): { name: string; ns: number } | undefined {
  let best: { name: string; ns: number } | undefined;
  for (const [name, t] of Object.entries(nsPerBar)) {
    if (OWN_CONTENDERS.has(name)) continue;
    if (!best || t.median < best.ns) best = { name, ns: t.median };
  }
  return best;
}

/**
 * The speed-up over the fastest peer each size must reach: 0.8 at n = 100, 1.5 at 1,000, 2 from
 * 10,000 on; for a serial chain with a division per bar (`chain`), 1.0 from 1,000 on.
 */
export function requiredSpeedup(n: number, chain: boolean): number {
  if (n <= 100) return 0.8;
  if (chain) return 1.0;
  return n <= 1000 ? 1.5 : 2;
}

const verdict = (pass: boolean) => (pass ? 'pass' : '**miss**');

/** Target 2: ours end to end against the fastest peer, per indicator and size. */
export function peerTargetTable(inds: readonly IndicatorTimings[], chains: ReadonlySet<string>): { markdown: string; misses: number; cells: number } {
  const sizes = [...new Set(inds.flatMap((i) => i.timings.map((t) => t.n)))].sort((a, b) => a - b);
  let misses = 0;
  let cells = 0;
  const rows = inds.map((ind) => [
    `${ind.id}${chains.has(ind.id) ? ' (chain)' : ''}`,
    ...sizes.map((n) => {
      const t = ind.timings.find((x) => x.n === n);
      const ours = t?.nsPerBar[OURS]?.median;
      const peer = t && fastestPeer(t.nsPerBar);
      if (ours === undefined || !peer) return '—';
      const ratio = peer.ns / ours;
      const need = requiredSpeedup(n, chains.has(ind.id));
      cells++;
      if (ratio < need) misses++;
      return `${num(ratio)}× vs ${peer.name} (${num(ours)} / ${num(peer.ns)}); ≥ ${need}: ${verdict(ratio >= need)}`;
    }),
  ]);
  return { markdown: table(['indicator', ...sizes.map((n) => `n = ${n.toLocaleString('en-US')}`)], rows), misses, cells };
}

/** Where a missed cell's time goes, from the contenders of ours timed in the same rounds. */
export type MissCause = 'kernel' | 'copies and call' | 'fresh outputs' | 'not measured';

/**
 * Each missed cell of the fastest-peer target, and what it would take: the kernel alone (the
 * Workspace, inputs already in WebAssembly memory; where compute() runs a TypeScript loop instead it
 * is the path not taken), compute() into output arrays the caller allocated once, and compute() with
 * fresh outputs. The cause is the first of them over the time the target allows.
 */
export function missTable(inds: readonly IndicatorTimings[], chains: ReadonlySet<string>): { markdown: string; causes: Record<MissCause, number> } {
  const rows: string[][] = [];
  const causes: Record<MissCause, number> = { kernel: 0, 'copies and call': 0, 'fresh outputs': 0, 'not measured': 0 };
  for (const ind of inds) {
    for (const t of ind.timings) {
      const ours = t.nsPerBar[OURS]?.median;
      const peer = fastestPeer(t.nsPerBar);
      if (ours === undefined || !peer) continue;
      const allowed = peer.ns / requiredSpeedup(t.n, chains.has(ind.id));
      if (ours <= allowed) continue;
      const kernel = t.nsPerBar[WORKSPACE]?.median;
      const caller = t.nsPerBar[OURS_CALLER_OUTPUTS]?.median;
      let cause: MissCause = 'not measured';
      let why = 'not measured';
      if (kernel !== undefined && caller !== undefined) {
        if (kernel > allowed) {
          cause = 'kernel';
          why = `the kernel alone: ${num(kernel / allowed)}× the time allowed`;
        } else if (caller > allowed) {
          cause = 'copies and call';
          why = `copies and call: into the caller's arrays ${num(caller / allowed)}× the time allowed`;
        } else {
          cause = 'fresh outputs';
          why = `fresh outputs: into the caller's arrays ${num(caller / allowed)}× the time allowed`;
        }
      }
      causes[cause]++;
      const cell = (v: number | undefined) => (v === undefined ? '—' : num(v));
      rows.push([ind.id, t.n.toLocaleString('en-US'), `${num(allowed)} (${peer.name})`, num(ours), cell(caller), cell(kernel), why]);
    }
  }
  const markdown = table(['indicator', 'n', 'time allowed (fastest peer)', 'compute()', "compute() into the caller's arrays", 'kernel (Workspace)', 'where the time goes'], rows);
  return { markdown, causes };
}

/**
 * Targets 1 and 3 where a plain loop was timed: ours end to end against the loop into fresh arrays
 * (never slower), and the Workspace (the kernel, no copies) against the loop into preallocated arrays.
 */
export function loopTargetTable(inds: readonly IndicatorTimings[]): { markdown: string; misses: number; cells: number } {
  const withLoops = inds.filter((i) => i.timings.some((t) => t.nsPerBar[LOOP_FRESH]));
  const sizes = [...new Set(withLoops.flatMap((i) => i.timings.map((t) => t.n)))].sort((a, b) => a - b);
  let misses = 0;
  let cells = 0;
  const rows: string[][] = [];
  for (const ind of withLoops) {
    for (const [label, mine, theirs] of [
      ['compute() / loop, fresh outputs', OURS, LOOP_FRESH],
      ['Workspace / loop, preallocated', WORKSPACE, LOOP_PREALLOCATED],
    ] as const) {
      rows.push([
        ind.id,
        label,
        ...sizes.map((n) => {
          const t = ind.timings.find((x) => x.n === n);
          const a = t?.nsPerBar[mine]?.median;
          const b = t?.nsPerBar[theirs]?.median;
          if (a === undefined || b === undefined) return '—';
          cells++;
          if (a > b) misses++;
          return `${num(a / b)} (${num(a)} / ${num(b)}): ${verdict(a <= b)}`;
        }),
      ]);
    }
  }
  return { markdown: table(['indicator', 'ratio (≤ 1 passes)', ...sizes.map((n) => `n = ${n.toLocaleString('en-US')}`)], rows), misses, cells };
}

/** Target 5: the SMA Workspace at the largest size within 2× of memcpy. */
export function memcpyTarget(inds: readonly IndicatorTimings[]): string | undefined {
  const sma = inds.find((i) => i.id === 'sma');
  const t = sma?.timings.at(-1);
  const ws = t?.nsPerBar[WORKSPACE]?.median;
  const copy = t?.nsPerBar[MEMCPY]?.median;
  if (!t || ws === undefined || copy === undefined) return undefined;
  return `SMA Workspace at n = ${t.n.toLocaleString('en-US')}: ${num(ws)} ns/bar, memcpy ${num(copy)} ns/bar: ${num(ws / copy)}× (≤ 2: ${verdict(ws <= 2 * copy)}).`;
}

/** Per indicator: ns/bar against n for ours, the Workspace, the fastest peer and the plain loops. */
export function summaryTable(ind: IndicatorTimings): string {
  const sizes = ind.timings.map((t) => t.n);
  const row = (label: string, pick: (t: IndicatorTimings['timings'][number]) => string) => [label, ...ind.timings.map(pick)];
  const ns = (name: string) => (t: IndicatorTimings['timings'][number]) => (t.nsPerBar[name] ? num(t.nsPerBar[name].median) : '—');
  const rows = [
    row('chitti compute()', ns(OURS)),
    row("chitti compute() into the caller's arrays", ns(OURS_CALLER_OUTPUTS)),
    row('chitti Workspace (zero-copy)', ns(WORKSPACE)),
    row('fastest peer', (t) => {
      const p = fastestPeer(t.nsPerBar);
      return p ? `${num(p.ns)} (${p.name})` : '—';
    }),
  ];
  if (ind.timings.some((t) => t.nsPerBar[LOOP_FRESH])) {
    rows.push(row('plain loop, fresh outputs', ns(LOOP_FRESH)), row('plain loop, preallocated', ns(LOOP_PREALLOCATED)));
  }
  return table(['ns per bar', ...sizes.map((n) => `n = ${n.toLocaleString('en-US')}`)], rows);
}
