// npm run bench:report — bench/REPORT.md and bench/results/charts/*.{svg,png} from bench/results/*.json
// (bench/report/build.ts computes them).
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport } from './report/build.ts';
import { svgToPng } from './report/png.ts';

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, 'results');
const chartsDir = join(resultsDir, 'charts');
mkdirSync(chartsDir, { recursive: true });
const { markdown, charts } = buildReport(resultsDir);
for (const [name, svg] of charts) {
  writeFileSync(join(chartsDir, `${name}.svg`), svg);
  writeFileSync(join(chartsDir, `${name}.png`), svgToPng(svg));
}
writeFileSync(join(here, 'REPORT.md'), markdown);
// Charts of earlier runs that this report does not show (other sizes, removed cases) are deleted.
for (const f of readdirSync(chartsDir)) if (!charts.has(f.replace(/\.(svg|png)$/, ''))) unlinkSync(join(chartsDir, f));
console.log(`wrote ${join(here, 'REPORT.md')} and ${charts.size} charts`);
