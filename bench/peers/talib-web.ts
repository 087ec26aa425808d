import { createRequire } from 'node:module';
import { talib, talibInputs, talibLookback } from './talib.ts';
import type { Peer, PeerCall, TaOpts } from './types.ts';

type TalibWebFn = (params: Record<string, unknown>) => Record<string, number[]>;
interface TalibWeb {
  init(): Promise<unknown>;
  TAFuncs: Record<string, TalibWebFn>;
}
const require = createRequire(import.meta.url);
const modulePath = require.resolve('talib-web');
// The current instance of the library (see fresh()): its functions, once init() has run.
let funcs = (require(modulePath) as TalibWeb).TAFuncs;

/**
 * Drops the current instance from the module cache and from its parent's children (where it would
 * otherwise stay reachable, holding 16 MiB of WebAssembly memory per instance, for the whole run).
 */
function forget(): void {
  const mod = require.cache[modulePath];
  if (!mod) return;
  // module.parent: documented as deprecated (no runtime warning); the only way to the parent here.
  const siblings = (mod as { parent?: { children: unknown[] } }).parent?.children;
  if (siblings?.includes(mod)) siblings.splice(siblings.indexOf(mod), 1);
  delete require.cache[modulePath];
}

/**
 * Loads and initialises a new instance of talib-web (its CommonJS module evaluated again, so a new
 * WebAssembly instance and memory): a call that fails can leave its instance's memory leaked or
 * corrupted (0.1.3 frees a call's buffers only when the call returns), and in one run every call
 * after such a failure failed; so each indicator gets its own instance. Its emscripten loader fetches talib.wasm with fetch() whenever
 * fetch exists (Node >= 18), which fails on a file path; without fetch it reads the file with fs, so
 * fetch is hidden during init(). The emscripten runtime installs process-wide handlers that rethrow
 * any uncaught exception and abort on any unhandled rejection: removed, so that its own failures are
 * errors of its calls, reported, rather than the end of the benchmark.
 */
async function fresh(): Promise<void> {
  forget();
  const lib = require(modulePath) as TalibWeb;
  const saved = globalThis.fetch;
  const before = { uncaughtException: process.listeners('uncaughtException'), unhandledRejection: process.listeners('unhandledRejection') };
  (globalThis as { fetch?: unknown }).fetch = undefined;
  try {
    await lib.init();
  } finally {
    globalThis.fetch = saved;
    for (const l of process.listeners('uncaughtException')) if (!before.uncaughtException.includes(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!before.unhandledRejection.includes(l)) process.removeListener('unhandledRejection', l);
  }
  funcs = lib.TAFuncs;
}

/** talib-web's option name for a TA-Lib optional input: optInTimePeriod -> timePeriod, optInMAType -> MAType. */
export function talibWebOption(taName: string): string {
  const s = taName.replace(/^optIn/, '');
  return /^[A-Z][A-Z]/.test(s) ? s : s[0]!.toLowerCase() + s.slice(1);
}

function call(name: string, opts: TaOpts): PeerCall {
  const info = talib.explain(name);
  const inputs = talibInputs(info);
  const options = Object.fromEntries(Object.entries(opts).map(([k, v]) => [talibWebOption(k), v]));
  return {
    // talib-web checks Array.isArray on its inputs: a Float64Array is refused, so each input is copied.
    run(bars) {
      const params: Record<string, unknown> = { ...options };
      for (const { arg, field } of inputs) params[arg] = Array.from(bars[field]);
      return funcs[name]!(params);
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
    "0.1.3 drops TA-Lib's outBegIdx/outNBElement and calls it with endIdx = n: each output has n values, the n - lookback results first, then one computed past the end of the input, then zeros. The caller must know the lookback; the conformance check aligns with TA-Lib's. Its WebAssembly memory is fixed at 16 MiB (emscripten INITIAL_MEMORY, no growth): a call that needs more aborts, and a failed call can leave the instance's memory leaked or corrupted (buffers are freed only when a call returns), so later calls may fail too. The benchmark loads a new instance for each indicator.",
  init: fresh,
  fresh,
  functions: Object.fromEntries(Object.keys(funcs).map((name) => [name, (opts: TaOpts) => call(name, opts)])),
};
