// bench/REPORT.md and its SVG charts are what bench/report.ts makes of the committed results: a
// hand edit, or results committed without `npm run bench:report`, fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildReport } from '../report/build.ts';

const bench = join(import.meta.dirname, '..');
const results = join(bench, 'results');
const report = buildReport(results);

test('bench/REPORT.md equals the report regenerated from bench/results/*.json', () => {
  const committed = readFileSync(join(bench, 'REPORT.md'), 'utf8');
  if (committed === report.markdown) return;
  const a = committed.split('\n');
  const b = report.markdown.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  assert.fail(`bench/REPORT.md is stale from line ${line + 1}:\n  committed:   ${a[line]}\n  regenerated: ${b[line]}\nrun \`npm run bench:report -w @chitti/bench\` and commit the result`);
});

test('the committed SVG charts are the regenerated ones, and no other chart is committed', () => {
  for (const [name, svg] of report.charts) {
    assert.ok(readFileSync(join(results, 'charts', `${name}.svg`), 'utf8') === svg, `results/charts/${name}.svg is stale`);
  }
  const files = readdirSync(join(results, 'charts')).map((f) => f.replace(/\.(svg|png)$/, ''));
  assert.deepEqual([...new Set(files)].sort(), [...report.charts.keys()].sort());
});
