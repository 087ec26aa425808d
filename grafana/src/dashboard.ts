// Assembles a dashboard from rows of panels: variables, time settings, links, panel ids and layout.
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { variables } from './variables.ts';

type Identifiable = cog.Builder<dashboard.Panel> & { id(id: number): unknown };

export type Row = { title: string; panels: Identifiable[] };

export type DashboardSpec = {
  uid: string;
  title: string;
  description: string;
  rows: Row[];
};

export const TAG = 'chitti-compute';

export function buildDashboard(spec: DashboardSpec): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([TAG])
    .timezone('browser')
    .time({ from: 'now-1h', to: 'now' })
    .refresh('30s')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .link(
      new dashboard.DashboardLinkBuilder('Chitti Compute')
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags([TAG])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    );
  for (const v of variables()) builder.withVariable({ build: () => v });

  // Expanded rows: Grafana wants an expanded row's panels after it at the top level (panels
  // nested in a row are only shown for collapsed rows), so rows are added empty.
  let id = 1;
  for (const row of spec.rows) {
    builder.withRow(new dashboard.RowBuilder(row.title).id(id++));
    for (const panel of row.panels) {
      panel.id(id++);
      builder.withPanel(panel);
    }
  }
  return builder.build();
}
