// scripts/external-tools.ts without fetching anything: a tool on PATH is used, a missing one is
// reported with the reason (what npm test prints as NOT RUN, and passes to the tests).
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'tools-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// A scratch cache, so what an earlier `npm test` fetched is not found here.
process.env.CHITTI_TOOLS_CACHE = join(dir, 'cache');
const { ensureTools } = await import('../external-tools.ts');

test('finds a tool on PATH, and reports each missing one with why, when fetching is off', () => {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'promtool'), '#!/bin/sh\necho "promtool, version 0.0.0-test"\n');
  chmodSync(join(bin, 'promtool'), 0o755);
  const saved = { PATH: process.env.PATH, PROMTOOL: process.env.PROMTOOL, AMTOOL: process.env.AMTOOL, ALERTMANAGER: process.env.ALERTMANAGER };
  process.env.PATH = `${bin}:/usr/bin:/bin`;
  delete process.env.PROMTOOL;
  delete process.env.AMTOOL;
  delete process.env.ALERTMANAGER;
  try {
    const lines: string[] = [];
    const result = ensureTools({ fetch: false, log: (l) => lines.push(l) });
    assert.equal(result.found.get('promtool'), join(bin, 'promtool'));
    if (!result.found.has('amtool')) {
      assert.match(result.missing.get('amtool') ?? '', /CHITTI_FETCH_TOOLS=0/);
      assert.deepEqual(Object.keys(JSON.parse(result.env.CHITTI_TOOLS_MISSING ?? '{}')).includes('amtool'), true);
    }
    assert.ok(result.env.PATH!.startsWith(join(dir, 'cache', 'bin')), 'the cache\'s bin directory comes first on PATH');
    assert.deepEqual(lines, [], 'nothing fetched, nothing to say');
  } finally {
    Object.assign(process.env, saved);
  }
});
