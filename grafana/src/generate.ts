// Writes grafana/dashboards/*.json from the TypeScript definitions.
// `--check` writes nothing and exits 1 if a committed file differs (CI-friendly).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboards, render } from './index.ts';

const out = join(import.meta.dirname, '..', 'dashboards');
const check = process.argv.includes('--check');
let stale = 0;

for (const { file, dashboard } of dashboards()) {
  const path = join(out, file);
  const text = render(dashboard);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // missing: stale
  }
  if (current === text) continue;
  stale++;
  if (check) console.error(`stale: ${path}`);
  else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}

if (check && stale) {
  console.error('run `npm run generate -w @chitti/grafana` and commit the result');
  process.exit(1);
}
if (!stale) console.log('dashboards up to date');
