// A rule file as Prometheus reads it: YAML with the header and the comments of the config, and
// every alert's runbook_url under the configurable base.
import { Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { AlertGroup, AlertRule, MonitoringConfig, RecordingGroup, RecordingRule, RuleFile } from './types.ts';

/** The runbook_url annotation: the external label `runbook_base_url` when set, else the config's base. */
export const runbookUrl = (config: MonitoringConfig, alert: string): string =>
  `{{ or $externalLabels.runbook_base_url "${config.runbookBaseUrl}" }}#${alert.toLowerCase()}`;

const isAlert = (r: AlertRule | RecordingRule): r is AlertRule => 'alert' in r;

/** The rule as Prometheus's rule-file format has it (no comments). */
export function ruleObject(config: MonitoringConfig, r: AlertRule | RecordingRule): Record<string, unknown> {
  if (!isAlert(r)) return { record: r.record, expr: r.expr, ...(r.labels ? { labels: { ...r.labels } } : {}) };
  return {
    alert: r.alert,
    expr: r.expr,
    ...(r.for ? { for: r.for } : {}),
    labels: { severity: r.severity, ...r.labels },
    annotations: { summary: r.summary, description: r.description, runbook_url: runbookUrl(config, r.alert) },
  };
}

/** The `groups` of a rule file, as plain objects (also what a PrometheusRule's spec carries). */
export function groupsObject(config: MonitoringConfig, file: RuleFile): { name: string; rules: Record<string, unknown>[] }[] {
  return file.groups.map((g: RecordingGroup | AlertGroup) => ({ name: g.name, rules: (g.rules as (AlertRule | RecordingRule)[]).map((r) => ruleObject(config, r)) }));
}

const WIDTH = 98;

/** Comment lines of at most WIDTH characters (words longer than that stay whole). */
function wrap(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > WIDTH) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(current);
  return out;
}

/** A YAML comment body: the yaml library prefixes every line with `#`. */
const comment = (text: string) => text.split('\n').flatMap(wrap).map((l) => (l ? ` ${l}` : '')).join('\n');

export function renderRuleFile(config: MonitoringConfig, file: RuleFile): string {
  const doc = new Document({ groups: groupsObject(config, file) });
  doc.commentBefore = comment(file.header);
  const groups = doc.get('groups') as YAMLSeq;
  file.groups.forEach((g, i) => {
    const groupNode = groups.items[i];
    if (!isMap(groupNode)) return;
    if (g.comment) groupNode.commentBefore = comment(g.comment);
    if (i > 0) groupNode.spaceBefore = true;
    const rules = groupNode.get('rules');
    if (!isSeq(rules)) return;
    (g.rules as (AlertRule | RecordingRule)[]).forEach((r, j) => {
      const node = rules.items[j] as YAMLMap;
      if (r.comment) node.commentBefore = comment(r.comment);
      // A blank line between rules, as hand-written files have.
      if (j > 0) node.spaceBefore = true;
    });
  });
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', singleQuote: true, indentSeq: true });
}
