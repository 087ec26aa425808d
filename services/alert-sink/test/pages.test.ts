// The pages an SRE opens from a notification: the runbooks (every alert's runbook link lands on its
// section), the dashboards' queries as Prometheus links, and the source and runbook links of each
// alert on the notifications page. Real HTTP on an ephemeral loopback port.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildApp } from '../src/app.ts';
import { expandDefaults } from '../src/dashboards.ts';
import { githubAnchor } from '../src/runbooks.ts';
import { alert, payload } from './fixtures.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

async function listen(app: ReturnType<typeof buildApp>): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

/** Every alert's runbook anchor, from the rule files' runbook_url annotations. */
function runbookAnchors(): string[] {
  const files = readdirSync(join(repo, 'alerts')).filter((f) => f.endsWith('.rules.yml')).map((f) => `alerts/${f}`);
  assert.ok(files.includes('alerts/balancer.rules.yml'), files.join());
  return files.flatMap((f) => (parse(readFileSync(join(repo, f), 'utf8')) as { groups: { rules: { annotations?: { runbook_url?: string } }[] }[] })
    .groups.flatMap((g) => g.rules.flatMap((r) => (r.annotations?.runbook_url ? [r.annotations.runbook_url.split('#').pop()!] : []))));
}

describe('alert sink pages', () => {
  const app = buildApp({ prometheusUrl: 'http://prom.example:9090' });
  let base = '';
  before(async () => {
    base = await listen(app);
  });
  after(() => app.close());

  test('serves alerts/runbooks.md with a section for every alert\'s runbook link, anchors as GitHub makes them', async () => {
    const res = await fetch(`${base}/runbooks`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const anchors = runbookAnchors();
    assert.ok(anchors.length >= 15, `${anchors.length} runbook links`);
    assert.deepEqual(anchors.filter((a) => !ids.has(a)), [], 'runbook links without their section');
    assert.ok(ids.has('chitticomputedown'));
    // Links into the repository would not open from the sink: they are plain text; web links stay links.
    assert.doesNotMatch(html, /href="(\.\.\/|[\w-]+\.(md|yml)\b)/);
    assert.match(html, /<span class="repo-file" title="in the repository: \.\.\/prometheus\/README\.md">/);
  });

  test('githubAnchor follows GitHub', () => {
    assert.equal(githubAnchor('ChittiComputeDown'), 'chitticomputedown');
    assert.equal(githubAnchor('What to look at first'), 'what-to-look-at-first');
    assert.equal(githubAnchor('Latency SLO (0.25 s)'), 'latency-slo-025-s');
  });

  test('lists the generated dashboards, each panel\'s queries opening in Prometheus with the variables at their defaults', async () => {
    const index = await (await fetch(`${base}/dashboards`)).text();
    for (const uid of ['chitti-overview', 'chitti-kernels', 'chitti-runtime']) assert.match(index, new RegExp(`href="/dashboards/${uid}"`));
    const res = await fetch(`${base}/dashboards/chitti-overview`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const links = [...html.matchAll(/href="(http:\/\/prom\.example:9090\/graph\?[^"]+)"/g)].map((m) => new URL(m[1]!.replaceAll('&amp;', '&')));
    assert.ok(links.length > 20, `${links.length} Prometheus links`);
    for (const url of links) {
      const expr = url.searchParams.get('g0.expr') ?? '';
      assert.ok(expr.length > 0);
      assert.doesNotMatch(expr, /\$/, `a variable left in ${expr}`);
    }
    assert.ok(links.some((u) => u.searchParams.has('g1.expr')), 'a panel with several queries opens them together');
    assert.equal(expandDefaults('rate(x{job="$job",instance=~"${instance}"}[$__rate_interval])'), 'rate(x{job="chitti-compute",instance=~".*"}[1m])');
  });

  test('answers an unknown dashboard with 404 problem+json', async () => {
    const res = await fetch(`${base}/dashboards/nope`);
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  });

  test('links each alert on the notifications page to its runbook and to its source (the generator URL)', async () => {
    const a = alert({ alertname: 'ChittiComputeDown', severity: 'critical' });
    a.annotations.runbook_url = 'http://127.0.0.1:9095/runbooks#chitticomputedown';
    a.generatorURL = 'http://127.0.0.1:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1';
    await fetch(`${base}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload('page', [a])) });
    const html = await (await fetch(`${base}/alerts`, { headers: { accept: 'text/html' } })).text();
    assert.match(html, /<a href="http:\/\/127\.0\.0\.1:9095\/runbooks#chitticomputedown">runbook<\/a>/);
    assert.match(html, /<a href="http:\/\/127\.0\.0\.1:9090\/graph\?g0\.expr=up\+%3D%3D\+0&amp;g0\.tab=1">source<\/a>/);
  });
});

describe('alert sink pages without the bundle\'s files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alert-sink-'));
  const app = buildApp({ runbooksFile: join(dir, 'missing.md'), dashboardsDir: join(dir, 'missing') });
  let base = '';
  before(async () => {
    base = await listen(app);
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('answers 503 problem+json, and keeps serving notifications', async () => {
    for (const path of ['/runbooks', '/dashboards', '/dashboards/chitti-overview']) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 503, path);
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    }
    assert.equal((await fetch(`${base}/alerts`)).status, 200);
  });
});
