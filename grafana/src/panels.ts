// Panel factories. Each one takes a PanelSpec, so a panel cannot be built without a title, a
// description, a unit and its queries, and always reads from the datasource variable.
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { DATASOURCE } from './provisioning.ts';

export type Query = {
  expr: string;
  legend?: string;
  /** Evaluate once at the end of the range (stats, tables) instead of over the range. */
  instant?: boolean;
  format?: 'heatmap' | 'table';
  /** Ask Prometheus for exemplars (trace ids on histogram buckets). */
  exemplar?: boolean;
};

export type PanelSpec = {
  title: string;
  description: string;
  /** A Grafana unit id (see @grafana/grafana-foundation-sdk/units) or a custom `suffix:` unit. */
  unit: string;
  queries: Query[];
  /** Grid width out of 24. */
  width?: number;
  height?: number;
  min?: number;
  max?: number;
  decimals?: number;
  /** Threshold steps above the base color, ascending. */
  thresholds?: { value: number; color: string }[];
  baseColor?: string;
};

/** What every SDK panel builder offers; lets the common settings be applied in one place. */
type PanelBuilderLike = cog.Builder<dashboard.Panel> & {
  title(title: string): unknown;
  description(description: string): unknown;
  unit(unit: string): unknown;
  datasource(datasource: { type: string; uid: string }): unknown;
  withTarget(target: cog.Builder<cog.Dataquery>): unknown;
  span(w: number): unknown;
  height(h: number): unknown;
  min(min: number): unknown;
  max(max: number): unknown;
  decimals(decimals: number): unknown;
  thresholds(thresholds: cog.Builder<dashboard.ThresholdsConfig>): unknown;
};

function target(query: Query, index: number): prometheus.DataqueryBuilder {
  const t = new prometheus.DataqueryBuilder()
    .datasource(DATASOURCE)
    .refId(String.fromCharCode(65 + index))
    .expr(query.expr)
    .editorMode(prometheus.QueryEditorMode.Code);
  if (query.legend !== undefined) t.legendFormat(query.legend);
  if (query.instant) t.instant();
  else t.range();
  if (query.format === 'heatmap') t.format(prometheus.PromQueryFormat.Heatmap);
  if (query.format === 'table') t.format(prometheus.PromQueryFormat.Table);
  if (query.exemplar) t.exemplar(true);
  return t;
}

function apply<B extends PanelBuilderLike>(builder: B, spec: PanelSpec, defaults: { width: number; height: number }): B {
  builder.title(spec.title);
  builder.description(spec.description);
  builder.unit(spec.unit);
  builder.datasource(DATASOURCE);
  builder.span(spec.width ?? defaults.width);
  builder.height(spec.height ?? defaults.height);
  if (spec.min !== undefined) builder.min(spec.min);
  if (spec.max !== undefined) builder.max(spec.max);
  if (spec.decimals !== undefined) builder.decimals(spec.decimals);
  const steps: dashboard.Threshold[] = [
    // Grafana's convention: the base step has value null (minus infinity).
    { value: null, color: spec.baseColor ?? 'green' },
    ...(spec.thresholds ?? []),
  ];
  builder.thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps));
  spec.queries.forEach((q, i) => builder.withTarget(target(q, i)));
  return builder;
}

export type TimeseriesSpec = PanelSpec & {
  /** Draw the threshold steps as dashed lines (e.g. burn-rate alert levels). */
  thresholdLines?: boolean;
  stack?: boolean;
};

export function timeseriesPanel(spec: TimeseriesSpec): timeseries.PanelBuilder {
  const b = apply(new timeseries.PanelBuilder(), spec, { width: 12, height: 8 })
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending))
    .fillOpacity(10)
    .showPoints(common.VisibilityMode.Never)
    .spanNulls(false);
  if (spec.thresholdLines) {
    b.thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
  }
  if (spec.stack) b.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
  return b;
}

export type StatSpec = PanelSpec & { graph?: boolean };

/** A single number (per series), the last value of the queries. */
export function statPanel(spec: StatSpec): stat.PanelBuilder {
  return apply(new stat.PanelBuilder(), spec, { width: 4, height: 4 })
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .graphMode(spec.graph ? common.BigValueGraphMode.Area : common.BigValueGraphMode.None)
    .colorMode(common.BigValueColorMode.Value)
    .textMode(common.BigValueTextMode.Auto);
}

export type BarGaugeSpec = PanelSpec;

/** One bar per series, the last value: for comparing a handful of current values. */
export function barGaugePanel(spec: BarGaugeSpec): bargauge.PanelBuilder {
  return apply(new bargauge.PanelBuilder(), spec, { width: 12, height: 8 })
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .orientation(common.VizOrientation.Horizontal);
}

export type HeatmapSpec = PanelSpec & {
  /** Unit of the bucket boundaries (y axis); `unit` is the unit of the cell values. */
  bucketUnit: string;
};

/** A Prometheus classic histogram drawn as is: buckets on y, per-bucket rate as color. */
export function heatmapPanel(spec: HeatmapSpec): heatmap.PanelBuilder {
  return apply(new heatmap.PanelBuilder(), spec, { width: 24, height: 9 })
    .calculate(false)
    .yAxis(new heatmap.YAxisConfigBuilder().unit(spec.bucketUnit))
    .cellValues(new heatmap.CellValuesBuilder().unit(spec.unit))
    .color(
      new heatmap.HeatmapColorOptionsBuilder()
        .mode(heatmap.HeatmapColorMode.Scheme)
        .scheme('Spectral')
        .scale(heatmap.HeatmapColorScale.Exponential)
        .exponent(0.5)
        .steps(64)
        .reverse(false),
    )
    .showValue(common.VisibilityMode.Never)
    .tooltip(new heatmap.HeatmapTooltipBuilder().mode(common.TooltipDisplayMode.Single).yHistogram(true))
    .showLegend();
}

export type TableSpec = PanelSpec & {
  /** Columns to drop from the instant query's frame (Time, Value, __name__ are always dropped). */
  hide?: string[];
};

/** Labels of instant series as rows. */
export function tablePanel(spec: TableSpec): table.PanelBuilder {
  const excludeByName: Record<string, boolean> = { Time: true, Value: true, __name__: true };
  for (const name of spec.hide ?? []) excludeByName[name] = true;
  return apply(new table.PanelBuilder(), spec, { width: 12, height: 6 })
    .withTransformation({ id: 'organize', options: { excludeByName } })
    .cellHeight(common.TableCellHeight.Sm);
}
