import * as talibWeb from 'talib-web';
import { talib, talibInputs, talibLookback } from './talib.ts';
import type { Peer, PeerCall, TaOpts } from './types.ts';

type TalibWebFn = (params: Record<string, unknown>) => Record<string, number[]>;
const funcs = talibWeb.TAFuncs as unknown as Record<string, TalibWebFn>;

/** talib-web's option name for a TA-Lib optional input: optInTimePeriod -> timePeriod, optInMAType -> MAType. */
export function talibWebOption(taName: string): string {
  const s = taName.replace(/^optIn/, '');
  return /^[A-Z][A-Z]/.test(s) ? s : s[0]!.toLowerCase() + s.slice(1);
}

function call(name: string, opts: TaOpts): PeerCall {
  const fn = funcs[name]!;
  const info = talib.explain(name);
  const inputs = talibInputs(info);
  const options = Object.fromEntries(Object.entries(opts).map(([k, v]) => [talibWebOption(k), v]));
  return {
    // talib-web checks Array.isArray on its inputs: a Float64Array is refused, so each input is copied.
    run(bars) {
      const params: Record<string, unknown> = { ...options };
      for (const { arg, field } of inputs) params[arg] = Array.from(bars[field]);
      return fn(params);
    },
    // n values per output: the n - lookback results first, then junk (see caveat), in TA-Lib's order.
    align(res, n) {
      const lookback = talibLookback(name, opts);
      return Object.values(res as Record<string, number[]>).map((values) => {
        const out = new Float64Array(n).fill(NaN);
        out.set(values.slice(0, Math.max(0, n - lookback)), lookback);
        return out;
      });
    },
  };
}

export const talibWebPeer: Peer = {
  id: 'talib-web',
  package: 'talib-web',
  implementation: 'WebAssembly (C)',
  callStyle: 'await init() once, then SMA({inReal: number[], timePeriod}) etc.; Array.from of each Float64Array input',
  caveat:
    "0.1.3 drops TA-Lib's outBegIdx/outNBElement and calls it with endIdx = n: each output has n values, the n - lookback results first, then one computed past the end of the input, then zeros. The caller must know the lookback; the conformance check aligns with TA-Lib's. Its WebAssembly memory cannot grow (emscripten abortOnCannotGrowMemory) and the runtime aborts when a call needs more: every later call then fails, so it drops out of the rest of the run.",
  // Its emscripten loader fetches talib.wasm with fetch() whenever fetch exists (Node >= 18), which
  // fails on a file path; without fetch it reads the file with fs. So fetch is hidden during init().
  async init() {
    const saved = globalThis.fetch;
    const before = { uncaughtException: process.listeners('uncaughtException'), unhandledRejection: process.listeners('unhandledRejection') };
    (globalThis as { fetch?: unknown }).fetch = undefined;
    try {
      await talibWeb.init();
    } finally {
      globalThis.fetch = saved;
      // The emscripten runtime installs process-wide handlers that rethrow any uncaught exception and
      // abort on any unhandled rejection: removed, so that its own failures (e.g. out of memory on a
      // large series) are errors of its calls, reported, rather than the end of the benchmark.
      for (const l of process.listeners('uncaughtException')) if (!before.uncaughtException.includes(l)) process.removeListener('uncaughtException', l);
      for (const l of process.listeners('unhandledRejection')) if (!before.unhandledRejection.includes(l)) process.removeListener('unhandledRejection', l);
    }
  },
  functions: Object.fromEntries(Object.keys(funcs).map((name) => [name, (opts: TaOpts) => call(name, opts)])),
};
