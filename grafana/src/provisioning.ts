// Names shared by the dashboards, the provisioning files and the tests. The SLOs are in the
// monitoring config (monitoring/src/chitti-monitoring.ts).

/** uid of the provisioned Prometheus datasource (provisioning/datasources/prometheus.yml). */
export const DATASOURCE_UID = 'chitti-prometheus';
/** Panels and targets point at the datasource variable, never at a fixed uid. */
export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };
export const DEFAULT_JOB = 'chitti-compute';
/**
 * Where grafana/dashboards/ is mounted in the Grafana container: the file provider of
 * provisioning/dashboards/chitti.yml reads it.
 */
export const DASHBOARDS_MOUNT = '/etc/chitti/dashboards';
