import type { Bars } from '../lib/bars.ts';

/** TA-Lib's optional inputs by TA-Lib name (optInTimePeriod, optInNbDevUp, ...). */
export type TaOpts = Readonly<Record<string, number>>;

/** One indicator of one peer, with parameters bound. */
export interface PeerCall {
  /** The peer called as its users call it, starting from Float64Arrays; returns its own result. Timed. */
  run(bars: Bars): unknown;
  /**
   * The result aligned with the input, one array per TA-Lib output in TA-Lib's order (NaN where the
   * peer gives no value), or null for an output the peer does not give. Not timed.
   */
  align(result: unknown, n: number): (Float64Array | null)[];
}

export interface Peer {
  /** Short name used in tables and charts. */
  id: string;
  /** npm package name. */
  package: string;
  implementation: 'native addon (C)' | 'WebAssembly (C)' | 'JavaScript' | 'TypeScript';
  /** How the benchmark calls it, in a sentence (the conversions it needs included). */
  callStyle: string;
  /** Something a user must know to use its results, found while writing the adapter. */
  caveat?: string;
  init?(): Promise<void>;
  /** A new instance of the library, for a peer whose failures break every later call (before each indicator). */
  fresh?(): Promise<void>;
  /** By TA-Lib function name: builds the call for those TA-Lib optional inputs, or throws Unsupported. */
  functions: Readonly<Record<string, (opts: TaOpts) => PeerCall>>;
}

/** The peer has the indicator but not with these parameters (e.g. a fixed deviation of 2). */
export class Unsupported extends Error {}

/** A TA-Lib optional input, by its name without the `optIn` prefix; throws when the indicator lacks it. */
export function opt(opts: TaOpts, name: string): number {
  const v = opts[`optIn${name}`];
  if (v === undefined) throw new Error(`no TA-Lib optional input optIn${name} (have ${Object.keys(opts).join(', ')})`);
  return v;
}

/** Requires a TA-Lib MA type of 0 (simple), the only one most peers offer. */
export function requireSma(opts: TaOpts, name: string): void {
  if (opt(opts, name) !== 0) throw new Unsupported(`${name} ${opt(opts, name)} (only 0, simple, is offered)`);
}

/** Requires one TA-Lib MA type (e.g. 1, exponential, for a peer whose oscillators are EMA-based). */
export function requireMaType(opts: TaOpts, name: string, type: number, label: string): void {
  if (opt(opts, name) !== type) throw new Unsupported(`${name} ${opt(opts, name)} (only ${type}, ${label}, is offered)`);
}

/** A compact result (no lookback region) right-aligned with the input, NaN in front. */
export function rightAlign(values: ArrayLike<number | null | undefined>, n: number): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  const offset = n - values.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && offset + i >= 0) out[offset + i] = v;
  }
  return out;
}

/** An array of result objects right-aligned with the input, one array per field. */
export function fieldsRightAligned(rows: readonly (Record<string, unknown> | null | undefined)[], fields: readonly (string | null)[], n: number): (Float64Array | null)[] {
  return fields.map((f) => (f === null ? null : rightAlign(rows.map((r) => (r ? (r[f] as number | undefined) : undefined)), n)));
}
