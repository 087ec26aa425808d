// npm run generate:monitoring            writes every artefact of the monitoring config
// npm run generate:monitoring -- --check exits 1 if a committed artefact differs (writes nothing)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artefacts } from './src/artefacts.ts';
import { monitoring } from './src/chitti-monitoring.ts';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const [path, text] of artefacts(monitoring)) {
  let current = '';
  try {
    current = readFileSync(join(root, path), 'utf8');
  } catch { /* missing counts as stale */ }
  if (current === text) continue;
  stale++;
  if (check) console.error(`stale: ${path}`);
  else {
    writeFileSync(join(root, path), text);
    console.log(`wrote ${path}`);
  }
}
if (check && stale) {
  console.error('run `npm run generate:monitoring` and commit the result');
  process.exitCode = 1;
} else if (!stale) console.log('monitoring artefacts up to date');
