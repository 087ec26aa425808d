// Every file rendered from a monitoring config, by repository path: the rule files, the Grafana
// dashboards, and the Kubernetes PrometheusRules and dashboard ConfigMaps made from those.
import { dashboards, render as renderDashboard } from '../../grafana/src/index.ts';
import { overlay, render as renderKubernetes } from '../../deploy/k8s/generate.ts';
import { renderRuleFile } from './render-rules.ts';
import { ruleFiles } from './rule-files.ts';
import type { MonitoringConfig } from './types.ts';

export const DASHBOARD_DIR = 'grafana/dashboards/';
export const KUBERNETES_DIR = 'deploy/k8s/base/';

export function artefacts(config: MonitoringConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of ruleFiles(config)) out.set(file.path, renderRuleFile(config, file));
  for (const { file, dashboard } of dashboards(config)) out.set(`${DASHBOARD_DIR}${file}`, renderDashboard(dashboard));
  for (const [name, text] of renderKubernetes(overlay(out))) out.set(`${KUBERNETES_DIR}${name}`, text);
  return out;
}
