// `npm test`: type-check, then every test file under node's test runner (spec reporter), then a
// summary that counts what did not run and why.
//   npm test                      everything
//   npm test -- alerts grafana    only the files whose path contains one of the fragments
// Test files: **/test/**/*.test.ts in the workspaces (node_modules excluded).
//
// Tests that need an external program (promtool, amtool, Alertmanager, Python's prometheus_client)
// get it from scripts/external-tools.ts first (PATH, a cache, Debian's packages, a local Docker
// image); what it cannot get is listed, and those tests report NOT RUN instead of failing.
// CHITTI_REQUIRE_ALL=1 (set by .ci/run) makes every test that did not run a failure, except the
// few of ALLOWED_IN_CI below, and implies CHITTI_REQUIRE_INTEGRATION=1.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools } from './external-tools.ts';
import { testFiles } from './test-files.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const truthy = (v) => ['1', 'true', 'yes'].includes((v ?? '').toLowerCase());
const requireAll = truthy(process.env.CHITTI_REQUIRE_ALL);

/** Tests that may not run even in CI, each with the reason it is acceptable there. */
const ALLOWED_IN_CI = [
  { reason: /^docker compose \(v2\) is not installed$/, why: 'Debian ships docker-compose 1.29 only; the Compose v2 plugin comes from Docker\'s own repository' },
  { reason: /^kubectl is not installed/, why: 'no kubectl package in Debian bookworm; the manifests are checked against the Kubernetes schemas without it' },
];

/** Files whose tests need external programs (see scripts/external-tools.ts). */
const NEEDS_TOOLS = ['alerts/test/', 'services/compute/test/metrics.test.ts'];

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

const tsc = join(root, 'node_modules/typescript/bin/tsc');
if (run(process.execPath, [tsc, '-p', 'tsconfig.json']) !== 0) {
  console.error('type-check failed');
  process.exit(1);
}

const files = testFiles(root);
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
if (selected.length === 0) {
  console.error(`no test file matches ${only.join(', ')}`);
  process.exit(1);
}

const env = { ...process.env, ...(requireAll ? { CHITTI_REQUIRE_INTEGRATION: '1' } : {}) };
if (selected.some((f) => NEEDS_TOOLS.some((n) => f.startsWith(n)))) {
  const tools = ensureTools();
  Object.assign(env, tools.env);
  for (const [name, why] of tools.missing) console.log(`[tools] NOT AVAILABLE: ${name}: ${why}`);
}

const reportDir = mkdtempSync(join(tmpdir(), 'chitti-test-summary-'));
const reportFile = join(reportDir, 'summary.jsonl');
const status = run(process.execPath, [
  '--test', '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'scripts/test-summary-reporter.mjs')}`, `--test-reporter-destination=${reportFile}`,
  ...selected,
], env);

let summary;
try {
  summary = JSON.parse(readFileSync(reportFile, 'utf8').trim().split('\n').pop());
} catch {
  summary = null;
}
rmSync(reportDir, { recursive: true, force: true });
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (!summary) {
  console.error(`\nnpm test: no summary from the test runner (exit code ${status}) after ${seconds} s`);
  process.exit(status || 1);
}

const refused = [];
const lines = [];
const groups = new Map();
for (const s of summary.skipped) {
  const key = `${relative(root, s.file) || '?'}\0${s.reason || 'no reason given'}`;
  groups.set(key, [...(groups.get(key) ?? []), s]);
}
for (const [key, list] of groups) {
  const [file, reason] = key.split('\0');
  const allowed = ALLOWED_IN_CI.find((a) => a.reason.test(reason));
  if (requireAll && !allowed) refused.push(...list);
  const what = list.length === 1 ? `"${list[0].name}"` : `${list.length} ${list.every((s) => s.kind === 'suite') ? 'suites' : 'tests'}`;
  lines.push(`  NOT RUN  ${file}: ${what}: ${reason}${requireAll && allowed ? ` (accepted in CI: ${allowed.why})` : ''}`);
}

console.log(`\nnpm test: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped.length} did not run${summary.todo ? `, ${summary.todo} todo` : ''} (${selected.length} files, ${seconds} s)`);
if (lines.length) console.log(lines.join('\n'));
for (const f of summary.failures) console.log(`  FAILED   ${relative(root, f.file) || '?'}: ${f.name}`);
if (refused.length) {
  console.log(`CHITTI_REQUIRE_ALL is set: ${refused.length} test(s) or suite(s) that did not run count as failures.`);
  process.exit(1);
}
process.exit(status);
