// Template variables shared by every dashboard: datasource, job, instance.
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { DATASOURCE, DATASOURCE_UID, DEFAULT_JOB } from './provisioning.ts';

export function variables(): dashboard.VariableModel[] {
  const datasource = new dashboard.DatasourceVariableBuilder('datasource')
    .label('Data source')
    .type('prometheus')
    .current({ text: 'Prometheus', value: DATASOURCE_UID });

  // chitti_compute_info is always 1 on every replica: its label values list exactly the service's targets.
  const job = new dashboard.QueryVariableBuilder('job')
    .label('Job')
    .datasource(DATASOURCE)
    .query('label_values(chitti_compute_info, job)')
    .definition('label_values(chitti_compute_info, job)')
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .current({ text: DEFAULT_JOB, value: DEFAULT_JOB });

  const instance = new dashboard.QueryVariableBuilder('instance')
    .label('Instance')
    .datasource(DATASOURCE)
    .query('label_values(chitti_compute_info{job=~"$job"}, instance)')
    .definition('label_values(chitti_compute_info{job=~"$job"}, instance)')
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    // A regex rather than the list of known values: replicas started later are included.
    .allValue('.*')
    .current({ text: 'All', value: '$__all' });

  return [datasource.build(), job.build(), instance.build()];
}
