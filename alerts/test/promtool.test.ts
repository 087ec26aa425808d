import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notRunReason, ruleFiles, ruleTestFiles, run } from './tools.ts';

const skip = notRunReason('alerts/promtool', ['promtool']);

test('promtool is installed', { skip }, () => {
  const res = run('promtool', ['--version']);
  assert.equal(res.status, 0, res.output);
});

test('promtool check rules accepts every rule file', { skip }, () => {
  const rules = ruleFiles();
  assert.ok(rules.length >= 3, `expected the recording and alert rule files, found ${rules.join(', ')}`);
  const res = run('promtool', ['check', 'rules', ...rules]);
  assert.equal(res.status, 0, res.output);
  assert.doesNotMatch(res.output, /FAILED/);
});

test('promtool check config accepts prometheus.yml and the rule files it references', { skip }, () => {
  const res = run('promtool', ['check', 'config', 'prometheus/prometheus.yml']);
  assert.equal(res.status, 0, res.output);
  assert.match(res.output, new RegExp(`SUCCESS: ${ruleFiles().length} rule files found`), res.output);
  for (const file of ruleFiles()) {
    // promtool names each rule file it resolved from the config's globs (relative to prometheus/).
    assert.match(res.output, new RegExp(`Checking ${file.replaceAll('.', '\\.')}\\s+SUCCESS`), `${file} not loaded:\n${res.output}`);
  }
});

for (const file of ruleTestFiles()) {
  test(`promtool test rules ${file}`, { skip }, () => {
    const res = run('promtool', ['test', 'rules', file]);
    assert.equal(res.status, 0, res.output);
    assert.match(res.output, /SUCCESS/);
  });
}
