/**
 * Kernel calls as the service makes them: timed into the indicator histograms and wrapped in a span
 * that is a child of the request's span. The kernels library itself knows nothing of metrics.
 */
import { SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { compute, computePanel, scanPatternsPanel, type ComputeResult, type InputsArg, type OutputBuffers, type ParamsArg, type PanelResult, type ScanOptions, type ScanResult } from '@chitti/kernels';
import { SCANNER_ID, type KernelCall, type Kernels } from './handlers/kernels.ts';
import type { Metrics } from './metrics.ts';

const tracer = trace.getTracer('chitti-compute');

export class Runner {
  private readonly metrics: Metrics | undefined;

  constructor(metrics: Metrics | undefined) {
    this.metrics = metrics;
  }

  private timed<T extends { kernel: string }>(ctx: Context, id: string, points: number, series: number, run: () => T): T {
    const span = tracer.startSpan(`kernel ${id}`, { kind: SpanKind.INTERNAL, attributes: { 'chitti.indicator': id, 'chitti.points': points, 'chitti.series': series } }, ctx);
    const start = performance.now();
    try {
      const result = run();
      const seconds = (performance.now() - start) / 1000;
      span.setAttribute('chitti.kernel', result.kernel);
      if (this.metrics) {
        this.metrics.indicatorDuration.observe({ indicator: id, kernel: result.kernel }, seconds);
        this.metrics.indicatorPoints.observe({ indicator: id }, points);
      }
      return result;
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  }

  /** The Kernels interface for one request: calls become children of the request's span. */
  bound(ctx: Context): Kernels {
    return {
      single: (id, inputs, params, points, outputs) => this.single(ctx, id, inputs, params, points, outputs),
      panel: (id, panel, params, length) => this.panel(ctx, id, panel, params, length),
      scan: (panel, options, points) => this.scan(ctx, panel, options, points),
    };
  }

  /** Records kernel calls made in a worker: the same histograms, and spans with the worker's times. */
  replay(ctx: Context, calls: readonly KernelCall[]): void {
    for (const call of calls) {
      const span = tracer.startSpan(
        `kernel ${call.id}`,
        { kind: SpanKind.INTERNAL, startTime: call.startEpochMs, attributes: { 'chitti.indicator': call.id, 'chitti.points': call.points, 'chitti.series': call.series, 'chitti.worker': true } },
        ctx,
      );
      if (call.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: call.error });
      else {
        span.setAttribute('chitti.kernel', call.kernel);
        if (this.metrics) {
          this.metrics.indicatorDuration.observe({ indicator: call.id, kernel: call.kernel }, call.durationMs / 1000);
          this.metrics.indicatorPoints.observe({ indicator: call.id }, call.points);
        }
      }
      span.end(call.startEpochMs + call.durationMs);
    }
  }

  /** One series. `id` must be a registered indicator (callers resolve it first). */
  single(ctx: Context, id: string, inputs: InputsArg, params: ParamsArg | undefined, points: number, outputs?: OutputBuffers): ComputeResult {
    return this.timed(ctx, id, points, 1, () => compute(id, inputs, params, { outputs }));
  }

  /** The pattern scanner over each series, timed as the indicator "patterns". */
  scan(ctx: Context, panel: InputsArg[], options: ScanOptions, points: number): ScanResult[] {
    return this.timed(ctx, SCANNER_ID, points, panel.length, () => { const results = scanPatternsPanel(panel, options); return { kernel: results[0]?.kernel ?? 'typescript', results }; }).results;
  }

  /** Equal-length series side by side (SIMD lanes where the indicator has a panel kernel). */
  panel(ctx: Context, id: string, panel: InputsArg[], params: ParamsArg | undefined, length: number): PanelResult {
    return this.timed(ctx, id, length * panel.length, panel.length, () => computePanel(id, panel, params));
  }
}
