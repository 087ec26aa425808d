// bench/REPORT.md and its SVG charts are what bench/report.ts makes of the committed results: a
// hand edit, or results committed without `npm run bench:report`, fails here.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildReport, CATALOGUE_RESULTS } from '../report/build.ts';

const bench = join(import.meta.dirname, '..');
const results = join(bench, 'results');
const reports = new Map([['REPORT.md', buildReport(results)]]);
if (existsSync(join(results, CATALOGUE_RESULTS))) reports.set('CATALOGUE.md', buildReport(results, { catalogue: true }));

for (const [file, report] of reports) {
  test(`bench/${file} equals the report regenerated from bench/results/*.json`, () => {
    const committed = readFileSync(join(bench, file), 'utf8');
    if (committed === report.markdown) return;
    const a = committed.split('\n');
    const b = report.markdown.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    assert.fail(`bench/${file} is stale from line ${line + 1}:\n  committed:   ${a[line]}\n  regenerated: ${b[line]}\nrun \`npm run bench:report -w @chitti/bench\` and commit the result`);
  });
}

test('the committed SVG charts are the regenerated ones, and no other chart is committed', () => {
  const charts = new Map([...reports.values()].flatMap((r) => [...r.charts]));
  for (const [name, svg] of charts) {
    assert.ok(readFileSync(join(results, 'charts', `${name}.svg`), 'utf8') === svg, `results/charts/${name}.svg is stale`);
  }
  const files = readdirSync(join(results, 'charts')).map((f) => f.replace(/\.(svg|png)$/, ''));
  assert.deepEqual([...new Set(files)].sort(), [...charts.keys()].sort());
});
