// npm test's closing summary: the reporter collects what did not run with its reason from a real
// node:test run, the report lists it, and CHITTI_REQUIRE_ALL refuses it (but the allowed ones).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type RunSummary, report } from '../test-summary.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the reporter counts passes and failures, and every test or suite that did not run with its reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'summary-'));
  try {
    const fixture = join(dir, 'fixture.test.mjs');
    writeFileSync(fixture, `import { describe, it, test } from 'node:test';
test('passes', () => {});
test('fails', () => { throw new Error('no'); });
test('needs a tool', { skip: 'promtool is not available (offline)' }, () => {});
test('skips itself', (t) => { t.skip('no engine'); });
describe('a suite that needs Docker', { skip: 'no Docker engine answers' }, () => { it('x', () => {}); it('y', () => {}); });
`);
    const out = join(dir, 'summary.jsonl');
    // Without NODE_TEST_CONTEXT: set inside a test run, it would make the inner run report to this one.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    spawnSync(process.execPath, ['--test', `--test-reporter=${join(root, 'scripts/test-summary-reporter.mjs')}`, `--test-reporter-destination=${out}`, fixture], { encoding: 'utf8', env });
    const summary = JSON.parse(readFileSync(out, 'utf8').trim()) as RunSummary;
    assert.equal(summary.passed, 1);
    assert.equal(summary.failed, 1);
    assert.deepEqual(summary.skipped.map((s) => [s.name, s.kind, s.reason]), [
      ['needs a tool', 'test', 'promtool is not available (offline)'],
      ['skips itself', 'test', 'no engine'],
      ['a suite that needs Docker', 'suite', 'no Docker engine answers'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const summary: RunSummary = {
  passed: 10,
  failed: 0,
  todo: 0,
  failures: [],
  skipped: [
    { name: 'a', file: `${root}alerts/test/promtool.test.ts`, kind: 'test', reason: 'promtool is not available (x)' },
    { name: 'b', file: `${root}alerts/test/promtool.test.ts`, kind: 'test', reason: 'promtool is not available (x)' },
    { name: 'compose config with docker compose (v2)', file: `${root}deploy/test/compose.test.ts`, kind: 'suite', reason: 'docker compose (v2) is not installed' },
  ],
};

test('lists what did not run, one line per file and reason', () => {
  const { lines, refused } = report(summary, { root, requireAll: false, files: 3, seconds: '1' });
  assert.deepEqual(lines, [
    'npm test: 10 passed, 0 failed, 3 did not run (3 files, 1 s)',
    '  NOT RUN  alerts/test/promtool.test.ts: 2 tests: promtool is not available (x)',
    '  NOT RUN  deploy/test/compose.test.ts: "compose config with docker compose (v2)": docker compose (v2) is not installed',
  ]);
  assert.deepEqual(refused, []);
});

test('CHITTI_REQUIRE_ALL refuses what did not run, except what ALLOWED_IN_CI names', () => {
  const { lines, refused } = report(summary, { root, requireAll: true, files: 3, seconds: '1' });
  assert.deepEqual(refused.map((s) => s.name), ['a', 'b']);
  assert.match(lines.at(-1)!, /CHITTI_REQUIRE_ALL is set: 2 test\(s\)/);
  assert.match(lines[2]!, /accepted in CI: Debian ships docker-compose 1\.29 only/);
});
