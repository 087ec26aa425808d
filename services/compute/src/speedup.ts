/**
 * Start-up self-check (the kernels in use agree with the TypeScript reference) and the measured
 * speed-up of the WebAssembly kernels over that reference, both on fixed synthetic OHLCV data.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { compute, indicators, kernelStatus, resolveParams, type IndicatorDefinition, type InputName, type InputsArg } from '@chitti/kernels';

export const BENCH_POINTS = 4096;

/**
 * Deterministic OHLCV random walk (xorshift32), the same on every run and machine; real0 (the close)
 * and real1 (a second walk) for the two-series indicators; periods (2 to 40, fractional) for MAVP.
 */
export function syntheticSeries(n: number, seed = 0x9e3779b9): Required<Record<InputName, Float64Array>> {
  let s = seed >>> 0 || 1;
  const rand = () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
  const open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n), close = new Float64Array(n), volume = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    const o = price;
    price = Math.max(1, price * (1 + (rand() - 0.5) * 0.04));
    open[i] = o;
    close[i] = price;
    high[i] = Math.max(o, price) * (1 + rand() * 0.01);
    low[i] = Math.min(o, price) * (1 - rand() * 0.01);
    volume[i] = 1000 + Math.floor(rand() * 100000);
  }
  const real1 = new Float64Array(n);
  for (let i = 0, other = 100; i < n; i++) real1[i] = other = Math.max(1, other * (1 + (rand() - 0.5) * 0.04));
  const periods = new Float64Array(n);
  for (let i = 0; i < n; i++) periods[i] = 2 + rand() * 38;
  return { open, high, low, close, volume, real0: close, real1, periods };
}

function inputsFor(def: IndicatorDefinition, data: ReturnType<typeof syntheticSeries>): InputsArg {
  const inputs: InputsArg = {};
  for (const name of def.inputs) inputs[name] = data[name];
  return inputs;
}

export interface SelfCheck {
  ok: boolean;
  kernel: string;
  /** One line per indicator that disagreed, empty when ok. */
  failures: string[];
}

/** Runs every indicator with the kernel in use and with the reference; outputs must agree to 1e-8 of scale. */
export function selfCheck(): SelfCheck {
  const kernel = kernelStatus().kernel;
  const data = syntheticSeries(BENCH_POINTS);
  const failures: string[] = [];
  for (const def of indicators) {
    try {
      const params = resolveParams(def, {});
      const got = compute(def.id, inputsFor(def, data), params);
      const want = compute(def.id, inputsFor(def, data), params, { kernel: 'typescript' });
      for (const o of def.outputs) {
        const a = got.outputs[o.name]!, b = want.outputs[o.name]!;
        let scale = 0;
        for (let i = 0; i < b.length; i++) if (Number.isFinite(b[i]!)) scale = Math.max(scale, Math.abs(b[i]!));
        for (let i = 0; i < b.length; i++) {
          const x = a[i]!, y = b[i]!;
          const lookbackOk = i < got.lookback ? Number.isNaN(x) : Number.isFinite(x);
          if (!lookbackOk || (Number.isNaN(x) !== Number.isNaN(y)) || Math.abs(x - y) > 1e-8 * Math.max(scale, 1e-300)) {
            throw new Error(`${o.name}[${i}] is ${x}, reference ${y} (lookback ${got.lookback})`);
          }
        }
      }
    } catch (err) {
      failures.push(`${def.id}: ${(err as Error).message}`);
    }
  }
  return { ok: failures.length === 0, kernel, failures };
}

const ROUNDS = 7;
const REPS = 4;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/**
 * Reference time / WebAssembly time for one indicator on the fixed data: the median of alternating
 * rounds (so a busy neighbour slows both sides alike). A few milliseconds of CPU per indicator, given
 * back to the event loop after every timed batch: a request waits at most one batch (REPS calls of
 * one kernel on BENCH_POINTS bars, about 10 ms for the slowest reference kernel), not a whole indicator.
 */
export async function measureSpeedup(def: IndicatorDefinition, data = syntheticSeries(BENCH_POINTS)): Promise<number> {
  const inputs = inputsFor(def, data);
  const params = resolveParams(def, {});
  const outputs = Object.fromEntries(def.outputs.map((o) => [o.name, new Float64Array(BENCH_POINTS)]));
  const time = async (kernel: 'wasm-simd' | 'typescript') => {
    await nextTurn();
    const start = performance.now();
    for (let r = 0; r < REPS; r++) compute(def.id, inputs, params, { kernel, outputs });
    return performance.now() - start;
  };
  await time('wasm-simd');
  await time('typescript');
  const wasm: number[] = [], ts: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    wasm.push(await time('wasm-simd'));
    ts.push(await time('typescript'));
  }
  return median(ts) / Math.max(median(wasm), 1e-6);
}

/** Measures every indicator (see measureSpeedup for how often it yields). Nothing is measured without the WASM kernels. */
export async function measureAll(report: (id: string, ratio: number) => void, stopped: () => boolean = () => false): Promise<void> {
  if (kernelStatus().kernel !== 'wasm-simd') return;
  const data = syntheticSeries(BENCH_POINTS);
  for (const def of indicators) {
    if (stopped()) return;
    report(def.id, await measureSpeedup(def, data));
  }
}

/** Measures now, then every `intervalSeconds` (0: only now). Returns a stop function. */
export function startSpeedupLoop(intervalSeconds: number, report: (id: string, ratio: number) => void, onError: (err: unknown) => void): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    try {
      await measureAll((id, ratio) => !stopped && report(id, ratio), () => stopped);
    } catch (err) {
      onError(err);
    }
    if (!stopped && intervalSeconds > 0) {
      timer = setTimeout(run, intervalSeconds * 1000);
      timer.unref();
    }
  };
  timer = setTimeout(run, 0);
  timer.unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
