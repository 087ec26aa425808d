// npm run bench:report — bench/REPORT.md and bench/results/charts/*.{svg,png} from bench/results/*.json
// (bench/report/build.ts computes them).
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport, CATALOGUE_RESULTS } from './report/build.ts';
import { existsSync } from 'node:fs';
import { svgToPng } from './report/png.ts';

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, 'results');
const chartsDir = join(resultsDir, 'charts');
mkdirSync(chartsDir, { recursive: true });
const reports: [string, ReturnType<typeof buildReport>][] = [['REPORT.md', buildReport(resultsDir)]];
if (existsSync(join(resultsDir, CATALOGUE_RESULTS))) reports.push(['CATALOGUE.md', buildReport(resultsDir, { catalogue: true })]);
const charts = new Map<string, string>();
for (const [file, report] of reports) {
  for (const [name, svg] of report.charts) {
    charts.set(name, svg);
    writeFileSync(join(chartsDir, `${name}.svg`), svg);
    writeFileSync(join(chartsDir, `${name}.png`), svgToPng(svg));
  }
  writeFileSync(join(here, file), report.markdown);
}
// Charts of earlier runs that this report does not show (other sizes, removed cases) are deleted.
for (const f of readdirSync(chartsDir)) if (!charts.has(f.replace(/\.(svg|png)$/, ''))) unlinkSync(join(chartsDir, f));
console.log(`wrote ${reports.map(([f]) => join(here, f)).join(', ')} and ${charts.size} charts`);
