// PromQL building blocks. Every selector filters by the dashboard's job (and instance) variables.
import { AVAILABILITY_TARGET, INDICATOR_ROUTE, LATENCY_TARGET, LATENCY_THRESHOLD_LE } from './provisioning.ts';

export const RATE_INTERVAL = '$__rate_interval';

/** `metric{job=~"$job", instance=~"$instance", extra}`. */
export function sel(metric: string, extra = '', opts: { instance?: boolean } = {}): string {
  const matchers = ['job=~"$job"'];
  if (opts.instance !== false) matchers.push('instance=~"$instance"');
  if (extra) matchers.push(extra);
  return `${metric}{${matchers.join(', ')}}`;
}

export function rate(metric: string, extra = '', window = RATE_INTERVAL, opts: { instance?: boolean } = {}): string {
  return `rate(${sel(metric, extra, opts)}[${window}])`;
}

export function sumBy(labels: readonly string[], expr: string): string {
  return labels.length ? `sum by (${labels.join(', ')}) (${expr})` : `sum(${expr})`;
}

/** Quantile of a classic histogram, aggregated over everything but `by` and `le`. */
export function quantile(q: number, histogram: string, by: readonly string[] = [], extra = ''): string {
  return `histogram_quantile(${q}, ${sumBy(['le', ...by], rate(`${histogram}_bucket`, extra))})`;
}

const REQUESTS = 'chitti_compute_requests_total';
const DURATION = 'chitti_compute_request_duration_seconds';

/**
 * Share of the non-4xx requests answered 5xx over `window`, service-wide (no instance filter: the
 * SLO is the service's). `or 0 * ...` makes it 0, not absent, while no 5xx series exists yet.
 */
export function errorRatio(window: string, by: readonly string[] = [], opts: { instance?: boolean } = { instance: false }): string {
  const bad = sumBy(by, rate(REQUESTS, 'status_code=~"5.."', window, opts));
  const zero = `0 * ${sumBy(by, rate(REQUESTS, '', window, opts))}`;
  const valid = sumBy(by, rate(REQUESTS, 'status_code!~"4.."', window, opts));
  return `(${bad} or ${zero}) / ${valid}`;
}

/** Share of all requests answered 4xx over `window` (client errors, outside the SLO). */
export function clientErrorRatio(window: string, by: readonly string[] = []): string {
  const bad = sumBy(by, rate(REQUESTS, 'status_code=~"4.."', window));
  const all = sumBy(by, rate(REQUESTS, '', window));
  return `(${bad} or 0 * ${all}) / ${all}`;
}

/** Share of the successful indicator requests slower than the SLO threshold over `window`. */
export function slowRatio(window: string): string {
  const matchers = `route="${INDICATOR_ROUTE}", status_code=~"2.."`;
  const fast = sumBy([], rate(`${DURATION}_bucket`, `${matchers}, le="${LATENCY_THRESHOLD_LE}"`, window, { instance: false }));
  const all = sumBy([], rate(`${DURATION}_count`, matchers, window, { instance: false }));
  return `1 - (${fast} / ${all})`;
}

export function availabilityBurnRate(window: string): string {
  return `(${errorRatio(window)}) / ${round(1 - AVAILABILITY_TARGET)}`;
}

export function latencyBurnRate(window: string): string {
  return `(${slowRatio(window)}) / ${round(1 - LATENCY_TARGET)}`;
}

/** Share of the error budget left: 1 - (bad ratio / allowed bad ratio); negative once overspent. */
export function budgetRemaining(badRatio: string, target: number): string {
  return `1 - (${badRatio}) / ${round(1 - target)}`;
}

/** 1 - 0.999 is 0.0010000000000000009 in floating point; PromQL should read 0.001. */
function round(x: number): string {
  return String(Number(x.toPrecision(12)));
}
