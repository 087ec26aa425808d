// How a peer's output compares with TA-Lib's on the same data, after alignment with the input.
//
// Per output, over the bars where both give a value, the error is |peer - talib| / scale, with scale
// the largest |talib| value of that output (so values crossing zero, like a MACD histogram, do not
// inflate it). Then, in order:
//   exact       same bars defined, every value bit-identical;
//   within 1e-9 same bars defined, every error <= 1e-9;
//   convention  a stated, systematic difference: values outside TA-Lib's defined bars or missing in
//               them (lookback), a constant factor (e.g. a fraction instead of a percent) or offset
//               (another starting value, e.g. of a cumulative sum), values
//               rounded to a fixed number of decimals (and within half a unit of it), or errors that
//               decay to <= 1e-9 over the last quarter of the series (a different seeding);
//   wrong       none of these: the values differ and keep differing.
// An indicator's class is its worst output's; an output the peer does not give is noted, not judged.

export type ConformanceClass = 'exact' | 'within 1e-9' | 'convention' | 'wrong';

export interface OutputConformance {
  output: string;
  class: ConformanceClass | 'not given';
  /** Largest scaled error where both give a value. */
  maxError: number;
  /** Largest scaled error over the last quarter of the series. */
  tailError: number;
  /** Bars TA-Lib defines that the peer leaves empty, and the reverse. */
  missing: number;
  extra: number;
  /** The conventions found, in words generated from the data. */
  notes: string[];
}

export interface Conformance {
  class: ConformanceClass;
  outputs: OutputConformance[];
  /** One line: the worst class and its notes. */
  summary: string;
}

export const TOLERANCE = 1e-9;
const RANK: Record<ConformanceClass, number> = { exact: 0, 'within 1e-9': 1, convention: 2, wrong: 3 };

const firstDefined = (a: Float64Array) => a.findIndex((v) => !Number.isNaN(v));

export function compareOutput(name: string, peer: Float64Array | null, ref: Float64Array): OutputConformance {
  if (peer === null) return { output: name, class: 'not given', maxError: NaN, tailError: NaN, missing: 0, extra: 0, notes: [`no ${name} output`] };
  const n = ref.length;
  let scale = 0;
  for (const v of ref) if (!Number.isNaN(v)) scale = Math.max(scale, Math.abs(v));
  if (scale === 0) scale = 1;
  const tailStart = n - (n >> 2);
  let maxError = 0;
  let tailError = 0;
  let missing = 0;
  let extra = 0;
  let both = 0;
  let identical = true;
  // For the constant-factor test: the ratio at the largest reference value, then every error against it.
  let ratio = NaN;
  let big = 0;
  for (let i = 0; i < n; i++) {
    const r = ref[i]!;
    const p = peer[i]!;
    const rn = Number.isNaN(r);
    const pn = Number.isNaN(p);
    if (rn && pn) continue;
    if (rn) { extra++; continue; }
    if (pn) { missing++; continue; }
    both++;
    if (!Object.is(r, p)) identical = false;
    const e = Math.abs(p - r) / scale;
    if (e > maxError) maxError = e;
    if (i >= tailStart && e > tailError) tailError = e;
    if (Math.abs(r) > big) { big = Math.abs(r); ratio = p / r; }
  }
  const notes: string[] = [];
  if (missing || extra) {
    const pf = firstDefined(peer);
    const rf = firstDefined(ref);
    notes.push(`first value at bar ${pf} (TA-Lib: ${rf})${missing ? `, ${missing} TA-Lib values missing` : ''}${extra ? `, ${extra} values where TA-Lib has none` : ''}`);
  }
  let cls: ConformanceClass;
  if (both === 0) {
    cls = 'wrong';
    notes.push('no bar where both give a value');
  } else if (!missing && !extra && identical) {
    cls = 'exact';
  } else if (!missing && !extra && maxError <= TOLERANCE) {
    cls = 'within 1e-9';
  } else if (maxError <= TOLERANCE) {
    cls = 'convention';
  } else if (tailError <= TOLERANCE) {
    cls = 'convention';
    let from = tailStart;
    for (let i = tailStart - 1; i >= 0; i--) {
      const e = Math.abs(peer[i]! - ref[i]!) / scale;
      if (e > TOLERANCE) break;
      from = i;
    }
    notes.push(`different seeding: error up to ${maxError.toExponential(1)}, within 1e-9 from bar ${from} on`);
  } else if (Number.isFinite(ratio) && ratio !== 1 && constantFactor(peer, ref, ratio, scale)) {
    cls = 'convention';
    notes.push(`scaled by ${Number(ratio.toPrecision(6))}`);
  } else if (constantOffset(peer, ref, scale) !== undefined) {
    cls = 'convention';
    notes.push(`offset by a constant ${Number(constantOffset(peer, ref, scale)!.toPrecision(6))} (another starting value)`);
  } else if (roundedTo(peer, ref) !== undefined) {
    cls = 'convention';
    notes.push(`rounded to ${roundedTo(peer, ref)} decimals`);
  } else {
    cls = 'wrong';
    notes.push(`error up to ${maxError.toExponential(1)}, ${tailError.toExponential(1)} over the last quarter`);
  }
  return { output: name, class: cls, maxError, tailError, missing, extra, notes };
}

function constantFactor(peer: Float64Array, ref: Float64Array, ratio: number, scale: number): boolean {
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i]!;
    const p = peer[i]!;
    if (Number.isNaN(r) || Number.isNaN(p)) continue;
    if (Math.abs(p - ratio * r) / (Math.abs(ratio) * scale) > TOLERANCE) return false;
  }
  return true;
}

/** peer - ref when it is the same at every bar both define (to 1e-9 of the scale). */
function constantOffset(peer: Float64Array, ref: Float64Array, scale: number): number | undefined {
  let offset: number | undefined;
  for (let i = 0; i < ref.length; i++) {
    const d = peer[i]! - ref[i]!;
    if (Number.isNaN(d)) continue;
    if (offset === undefined) offset = d;
    else if (Math.abs(d - offset) / scale > TOLERANCE) return undefined;
  }
  return offset === 0 ? undefined : offset;
}

/** The number of decimals every value is rounded to, if the values are also within half a unit of TA-Lib's. */
function roundedTo(peer: Float64Array, ref: Float64Array): number | undefined {
  for (let d = 0; d <= 8; d++) {
    const unit = 10 ** d;
    let ok = true;
    for (let i = 0; i < ref.length && ok; i++) {
      const p = peer[i]!;
      const r = ref[i]!;
      if (Number.isNaN(p) || Number.isNaN(r)) continue;
      ok = Math.abs(Math.round(p * unit) - p * unit) < 1e-6 && Math.abs(p - r) <= 0.5 / unit + 1e-12 * Math.abs(r);
    }
    if (ok) return d;
  }
  return undefined;
}

export function classify(names: readonly string[], peer: readonly (Float64Array | null)[], ref: readonly Float64Array[]): Conformance {
  const outputs = names.map((name, k) => compareOutput(name, peer[k] ?? null, ref[k]!));
  const judged = outputs.filter((o): o is OutputConformance & { class: ConformanceClass } => o.class !== 'not given');
  const worst = judged.reduce<ConformanceClass>((w, o) => (RANK[o.class] > RANK[w] ? o.class : w), judged.length ? 'exact' : 'wrong');
  const notes = outputs.flatMap((o) => (o.notes.length ? [`${o.output}: ${o.notes.join('; ')}`] : []));
  return { class: worst, outputs, summary: [worst, ...notes].join(' — ') };
}
