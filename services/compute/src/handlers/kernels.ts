/**
 * The kernel-calling interface the request handlers use, so the same handler runs on the main
 * thread (timed into metrics and spans directly) or in a worker (calls recorded, replayed on the
 * main thread into the same metrics and spans).
 */
import { compute, computePanel, scanPatternsPanel, type ComputeResult, type InputsArg, type OutputBuffers, type PanelResult, type ParamsArg, type ScanOptions, type ScanResult } from '@chitti/kernels';

export interface Kernels {
  /** `outputs`: caller-owned arrays the kernel writes into (e.g. views of the response buffer). */
  single(id: string, inputs: InputsArg, params: ParamsArg | undefined, points: number, outputs?: OutputBuffers): ComputeResult;
  panel(id: string, panel: InputsArg[], params: ParamsArg | undefined, length: number): PanelResult;
  /** The candlestick-pattern scanner over each series; `points`: bars of all series. Counted as the indicator "patterns". */
  scan(panel: InputsArg[], options: ScanOptions, points: number): ScanResult[];
}

/** The scanner's name in metrics and spans (an indicator like the others there). */
export const SCANNER_ID = 'patterns';

/** One kernel call made in a worker: enough to record its metrics and its span afterwards. */
export interface KernelCall {
  id: string;
  kernel: string;
  points: number;
  series: number;
  /** Wall-clock start, ms since the epoch (performance.timeOrigin based, comparable across threads). */
  startEpochMs: number;
  durationMs: number;
  error?: string;
}

/** Kernels that remember every call (the worker side). */
export function recordingKernels(calls: KernelCall[]): Kernels {
  const timed = <T extends { kernel: string }>(id: string, points: number, series: number, run: () => T): T => {
    const start = performance.now();
    const call: KernelCall = { id, kernel: '', points, series, startEpochMs: performance.timeOrigin + start, durationMs: 0 };
    try {
      const result = run();
      call.kernel = result.kernel;
      return result;
    } catch (err) {
      call.error = (err as Error).message;
      throw err;
    } finally {
      call.durationMs = performance.now() - start;
      calls.push(call);
    }
  };
  return {
    single: (id, inputs, params, points, outputs) => timed(id, points, 1, () => compute(id, inputs, params, { outputs })),
    panel: (id, panel, params, length) => timed(id, length * panel.length, panel.length, () => computePanel(id, panel, params)),
    scan: (panel, options, points) => timed(SCANNER_ID, points, panel.length, () => { const results = scanPatternsPanel(panel, options); return { kernel: results[0]?.kernel ?? 'typescript', results }; }).results,
  };
}
