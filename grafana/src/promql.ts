// PromQL building blocks. Every selector filters by the dashboard's job (and instance) variables.
import type { Selector } from '../../monitoring/src/sli.ts';

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

/** Selectors of the SLO panels: the job variable, no instance filter (an SLO is the service's). */
export const sloSelector: Selector = (metric, matchers) => sel(metric, matchers.join(', '), { instance: false });
