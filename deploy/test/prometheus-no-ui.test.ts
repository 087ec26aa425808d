// The page the offline Prometheus image serves where Debian's package has no React UI: every React
// path opens the classic UI's page of the same meaning, with the query string kept, so an alert's
// generator link (/graph?g0.expr=...&g0.tab=1) lands on its expression. The integration suite
// checks the same against the running image.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { noUiRedirect } from './no-ui-redirect.ts';

const html = readFileSync(new URL('../offline/prometheus/no-ui.html', import.meta.url), 'utf8');
const base = 'http://127.0.0.1:9090';

test('the React paths open the classic UI, the query string kept', () => {
  const cases: [string, string][] = [
    ['/graph?g0.expr=up%20%3D%3D%200&g0.tab=1', '/classic/graph?g0.expr=up%20%3D%3D%200&g0.tab=1'],
    ['/alerts', '/classic/alerts'],
    ['/rules', '/classic/rules'],
    ['/targets', '/classic/targets'],
    ['/service-discovery', '/classic/service-discovery'],
    ['/tsdb-status', '/classic/status'],
    ['/config', '/classic/config'],
    ['/something-new', '/classic/graph'],
    ['/', '/classic/graph'],
  ];
  for (const [from, to] of cases) assert.equal(noUiRedirect(html, `${base}${from}`), `${base}${to}`, from);
});

test('behind a path prefix (--web.external-url with a path), the prefix is kept', () => {
  assert.equal(noUiRedirect(html, `${base}/prometheus/graph?g0.expr=up`), `${base}/prometheus/classic/graph?g0.expr=up`);
});

test('the page still links the classic UI for a browser without JavaScript', () => {
  assert.match(html, /<a href="classic\/graph">/);
  assert.match(html, /<a href="classic\/alerts">/);
});

test('pages without the script are recognised as such', () => {
  assert.equal(noUiRedirect('<html><body>This Debian package of Prometheus does not include the modern React web UI</body></html>', base), null);
});
