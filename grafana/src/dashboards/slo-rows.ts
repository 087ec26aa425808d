// One dashboard row per SLO of the monitoring config, all from the same code: the SLI and the error
// budget left over the SLO period, and the burn rate over the paging windows with their levels.
import * as units from '@grafana/grafana-foundation-sdk/units';
import { badRatio, budget, num, pagingWindows, percent, statement } from '../../../monitoring/src/sli.ts';
import type { MonitoringConfig, Slo } from '../../../monitoring/src/types.ts';
import type { Row } from '../dashboard.ts';
import { statPanel, timeseriesPanel } from '../panels.ts';
import { sloSelector } from '../promql.ts';

/** Titles of the SLO rows start with this; their queries alone may use fixed windows. */
export const SLO_ROW_PREFIX = 'SLO: ';

/** The range windows SLO panels may use: the period and the paging windows. */
export function fixedWindows(config: MonitoringConfig): string[] {
  return [config.period, ...pagingWindows(config).map((w) => w.long)];
}

function sloRow(config: MonitoringConfig, slo: Slo): Row {
  const ratio = (window: string) => badRatio(slo, window, sloSelector, [], 'inline');
  const allowed = num(budget(slo));
  const paging = pagingWindows(config);
  const levels = paging.map((w, i) => ({ value: w.factor, color: i === 0 ? 'red' : 'orange' })).sort((a, b) => a.value - b.value);
  const what = statement(slo, config.period);
  return {
    title: `${SLO_ROW_PREFIX}${slo.title}`,
    panels: [
      statPanel({
        title: `${slo.title} SLI (${config.period})`,
        description: `Share of good events over the last ${config.period} (SLO: ${what}). Service-wide: ignores the instance filter.`,
        unit: units.PercentUnit,
        decimals: 3,
        width: 6,
        queries: [{ expr: `1 - (${ratio(config.period)})`, instant: true }],
        baseColor: 'red',
        thresholds: [{ value: slo.target, color: 'green' }],
      }),
      statPanel({
        title: `${slo.title} error budget left (${config.period})`,
        description: `Share of the ${config.period} error budget (${percent(budget(slo))} of the ${slo.population} may be bad) not yet spent. Negative once overspent.`,
        unit: units.PercentUnit,
        decimals: 1,
        width: 6,
        queries: [{ expr: `1 - (${ratio(config.period)}) / ${allowed}`, instant: true }],
        baseColor: 'red',
        thresholds: [{ value: 0, color: 'orange' }, { value: 0.25, color: 'green' }],
      }),
      timeseriesPanel({
        title: `${slo.title} burn rate`,
        description: `How fast the ${slo.name} error budget burns (${what}): 1 spends exactly the budget in ${config.period}. Dashed lines: the paging levels (${paging.map((w) => `${w.factor}x over ${w.long}`).join(', ')}; the alerts also require the short window).`,
        unit: 'suffix:x',
        min: 0,
        thresholdLines: true,
        thresholds: levels,
        queries: paging.map((w) => ({ expr: `(${ratio(w.long)}) / ${allowed}`, legend: `${w.long} window` })),
      }),
    ],
  };
}

export function sloRows(config: MonitoringConfig): Row[] {
  return config.slos.map((slo) => sloRow(config, slo));
}
