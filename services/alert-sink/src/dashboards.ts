// The generated Grafana dashboards (grafana/dashboards/*.json) as pages of links into Prometheus's
// graph page: where no Grafana runs (the offline stack has none), each panel's queries still open
// as graphs or tables, with the dashboard variables at their defaults (every instance of job
// chitti-compute, a 1m rate interval).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, page } from './page.ts';

interface Target { expr?: string; legendFormat?: string; instant?: boolean }
interface Panel { type: string; title?: string; description?: string; targets?: Target[] }
interface Dashboard { uid: string; title: string; description?: string; panels: Panel[] }

const DEFAULTS: Record<string, string> = {
  job: 'chitti-compute',
  instance: '.*',
  __rate_interval: '1m',
  __interval: '15s',
  __range: '1h',
  __range_s: '3600',
  __range_ms: '3600000',
};

/** Grafana's variables in a query, replaced by their defaults (an unknown one is left as is). */
export function expandDefaults(expr: string): string {
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => DEFAULTS[braced ?? bare ?? ''] ?? whole);
}

export function loadDashboards(dir: string): Dashboard[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Dashboard);
}

/** Prometheus's graph page with the given queries (g0, g1, ...), a table for instant ones. */
export function graphUrl(prometheusUrl: string, targets: readonly Target[]): string {
  const params = new URLSearchParams();
  targets.forEach((t, i) => {
    params.set(`g${i}.expr`, expandDefaults(t.expr ?? ''));
    params.set(`g${i}.tab`, t.instant ? '1' : '0');
    params.set(`g${i}.range_input`, '1h');
  });
  return `${prometheusUrl.replace(/\/$/, '')}/graph?${params}`;
}

export function renderDashboardIndex(dashboards: readonly Dashboard[]): string {
  const items = dashboards.map((d) => `<li><a href="/dashboards/${encodeURIComponent(d.uid)}">${escapeHtml(d.title)}</a>: ${escapeHtml(d.description ?? '')}</li>`).join('\n');
  return page('Dashboards', `<h1>Dashboards</h1>
<p>The Grafana dashboards of the bundle, panel by panel, each query opening in Prometheus. Where Grafana runs
(the online stack, <code>http://127.0.0.1:3000</code>) it shows the same dashboards drawn.</p>
<ul>
${items || '<li>No dashboard found.</li>'}
</ul>`);
}

export function renderDashboard(d: Dashboard, prometheusUrl: string): string {
  const rows: string[] = [];
  for (const p of d.panels) {
    if (p.type === 'row') {
      rows.push(`<tr><th colspan="2"><h2>${escapeHtml(p.title ?? '')}</h2></th></tr>`);
      continue;
    }
    const targets = (p.targets ?? []).filter((t) => t.expr);
    if (targets.length === 0) continue;
    const queries = targets.map((t) => `<li><a href="${escapeHtml(graphUrl(prometheusUrl, [t]))}"><code>${escapeHtml(expandDefaults(t.expr!))}</code></a>${t.legendFormat ? ` <small>${escapeHtml(t.legendFormat)}</small>` : ''}</li>`).join('');
    rows.push(`<tr><td><b><a href="${escapeHtml(graphUrl(prometheusUrl, targets))}">${escapeHtml(p.title ?? '')}</a></b><br><small>${escapeHtml(p.description ?? '')}</small></td><td><ul>${queries}</ul></td></tr>`);
  }
  return page(d.title, `<h1>${escapeHtml(d.title)}</h1>
<p>${escapeHtml(d.description ?? '')}</p>
<p>Each panel title opens its queries together in Prometheus (${escapeHtml(prometheusUrl)}); each query opens alone.
Variables at their defaults: job <code>chitti-compute</code>, every instance, a 1m rate interval.</p>
<table><tbody>
${rows.join('\n')}
</tbody></table>`);
}
