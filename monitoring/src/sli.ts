// The PromQL of every SLO's bad-event ratio and the arithmetic around it, shared by the recording
// rules (raw selectors, by job) and the dashboards (selectors on the $job variable).
import type { BurnWindow, Duration, MonitoringConfig, Slo } from './types.ts';

/** Builds `metric{matchers}`; rules and dashboards differ in the matchers they add. */
export type Selector = (metric: string, matchers: readonly string[]) => string;

/** The rules' selector: the matchers as given, no job filter (rules keep `job` instead). */
export const ruleSelector: Selector = (metric, matchers) => (matchers.length ? `${metric}{${matchers.join(',')}}` : metric);

const sumBy = (by: readonly string[], expr: string) => (by.length ? `sum by (${by.join(', ')}) (${expr})` : `sum(${expr})`);

/** Number formatting for PromQL and prose: 1 - 0.999 is 0.0010000000000000009 in floating point. */
export function num(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/** Share of the events the SLO may get wrong: 1 - target. */
export const budget = (slo: Slo): number => Number((1 - slo.target).toPrecision(12));

/** The alert threshold of a window: factor x budget. */
export const threshold = (slo: Slo, w: BurnWindow): number => Number((w.factor * budget(slo)).toPrecision(12));

export const percent = (x: number): string => `${num(x * 100)}%`;

/** The bad-event operation of the recording rules: error_ratio (availability), slow_ratio (latency). */
export const badOperation = (slo: Slo): string => (slo.kind === 'availability' ? 'error_ratio' : 'slow_ratio');

/** Name of the SLI recording rule over `window`. */
export const sliRecord = (slo: Slo, window: Duration): string => `${slo.record}${badOperation(slo)}_rate${window}`;

/** The recorded SLI over `window`, restricted to this SLO's series. */
export const sliSeries = (slo: Slo, window: Duration): string =>
  ruleSelector(sliRecord(slo, window), Object.entries(slo.sliLabels).map(([k, v]) => `${k}="${v}"`));

/** What makes an event bad, in prose: `failed with a 5xx`, `took longer than 0.1 s`. */
export const badEvent = (slo: Slo): string => (slo.kind === 'availability' ? 'failed with a 5xx' : `took longer than ${slo.thresholdLe} s`);

/** `99.9% of the non-4xx requests ...`: the SLO in one line. */
export function statement(slo: Slo, period: Duration): string {
  const good = slo.kind === 'availability' ? 'answered without a 5xx' : `completed within ${slo.thresholdLe} s`;
  return `${percent(slo.target)} of the ${slo.population} ${good}, over ${period}`;
}

export type Layout = 'block' | 'inline';

/**
 * The share of bad events over `window`. Availability: 5xx among the non-4xx requests, `or 0 * ...`
 * making it 0, not absent, while traffic flows and no 5xx series exists yet. Latency: 1 - the share
 * of the population in the threshold's bucket.
 */
export function badRatio(slo: Slo, window: string, sel: Selector, by: readonly string[], layout: Layout): string {
  const rate = (metric: string, matchers: readonly string[]) => sumBy(by, `rate(${sel(metric, matchers)}[${window}])`);
  if (slo.kind === 'availability') {
    const bad = rate(slo.counter, ['status_code=~"5.."']);
    const zero = `0 * ${rate(slo.counter, [])}`;
    const valid = rate(slo.counter, ['status_code!~"4.."']);
    return layout === 'inline'
      ? `(${bad} or ${zero}) / ${valid}`
      : `(\n  ${bad}\n  or\n  ${zero}\n)\n/\n${valid}`;
  }
  const fast = rate(`${slo.histogram}_bucket`, [...slo.matchers, `le="${slo.thresholdLe}"`]);
  const all = rate(`${slo.histogram}_count`, slo.matchers);
  return layout === 'inline' ? `1 - (${fast} / ${all})` : `1 - (\n  ${fast}\n  /\n  ${all}\n)`;
}

/** Every window some SLI is recorded over: the long and short windows of all burn-rate pairs. */
export function sliWindows(config: MonitoringConfig): Duration[] {
  const all = new Set<Duration>(config.windows.flatMap((w) => [w.long, w.short]));
  return [...all].sort((a, b) => durationSeconds(a) - durationSeconds(b));
}

/** The windows that page: drawn on the burn-rate panels, the only fixed ranges besides the period. */
export const pagingWindows = (config: MonitoringConfig): readonly BurnWindow[] => config.windows.filter((w) => w.severity === 'critical');

export function durationSeconds(d: Duration): number {
  return Number(d.slice(0, -1)) * { s: 1, m: 60, h: 3600, d: 86400 }[d.slice(-1) as 's' | 'm' | 'h' | 'd'];
}
