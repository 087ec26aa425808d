import { escapeHtml as escape, page } from './page.ts';
import type { StoredNotification } from './store.ts';

const SEVERITY_COLOURS: Record<string, string> = { critical: '#c0392b', warning: '#d68910', info: '#2e86c1' };

function alertRow(n: StoredNotification, a: StoredNotification['payload']['alerts'][number]): string {
  const { alertname = '', severity = 'none', ...rest } = a.labels;
  const colour = SEVERITY_COLOURS[severity] ?? '#7f8c8d';
  const labels = Object.entries(rest)
    .map(([k, v]) => `<code>${escape(k)}=${escape(v)}</code>`)
    .join(' ');
  const links = [
    a.annotations.runbook_url ? `<a href="${escape(a.annotations.runbook_url)}">runbook</a>` : '',
    // Prometheus's graph page with the rule's expression (the alert's generator).
    a.generatorURL ? `<a href="${escape(a.generatorURL)}">source</a>` : '',
  ].filter(Boolean).join(' · ');
  return `<tr>
<td>${escape(n.receivedAt)}</td><td>${escape(n.payload.receiver)}</td>
<td class="${a.status}">${a.status}</td>
<td><span class="sev" style="background:${colour}">${escape(severity)}</span> <b>${escape(alertname)}</b><br>${labels}</td>
<td>${escape(a.annotations.summary ?? '')}<br><small>${escape(a.annotations.description ?? '')}</small>${links ? `<br>${links}` : ''}</td>
</tr>`;
}

/** A plain page for people: one row per alert of each kept notification, newest first. */
export function renderHtml(items: readonly StoredNotification[], capacity: number, received: number): string {
  const rows = items.flatMap((n) => n.payload.alerts.map((a) => alertRow(n, a))).join('\n');
  return page('Alert sink', `<h1>Alert sink</h1>
<p>${received} notifications received since start; the last ${capacity} are kept. JSON: <code>curl -H 'accept: application/json' …/alerts</code>.</p>
<table><thead><tr><th>received</th><th>receiver</th><th>status</th><th>alert</th><th>summary</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="5">No notification yet.</td></tr>'}
</tbody></table>`, 15);
}
