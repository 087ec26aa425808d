// The per-replica series budget: what one compute replica may expose on /metrics once every label
// value it can produce has been seen. Most series are per indicator (two histograms, the speed-up
// gauge, the stream counter: 35 measured with `npm run cardinality`), so the budget grows with the
// registry; a new label dimension is what it exists to catch.
import { indicators } from '@chitti/kernels';

/**
 * Series that do not depend on the registry (routes, status codes, runtime, OpenTelemetry's HTTP
 * histogram and target_info): measured 1,030 (647 of them OpenTelemetry's), with margin.
 */
export const FIXED_SERIES = 1_500;
/** Series per indicator: measured 35 (18 kernel-time, 15 data-point, 1 speed-up, 1 stream), with margin. */
export const SERIES_PER_INDICATOR = 40;

const roundUp = (n: number, step: number) => Math.ceil(n / step) * step;

/** The budget ChittiComputeSeriesOverBudget alerts on, rounded up to 500. */
export const SERIES_BUDGET = roundUp(FIXED_SERIES + SERIES_PER_INDICATOR * indicators.length, 500);
/** The Kubernetes ServiceMonitor's sampleLimit: a scrape above it fails whole (1.5x the budget). */
export const SAMPLE_LIMIT = roundUp(1.5 * SERIES_BUDGET, 1_000);

export const formatCount = (n: number): string => n.toLocaleString('en-US');
