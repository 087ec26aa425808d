import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../src/loadgen-config.ts';
import { priceSeries } from '../src/series.ts';
import { createRng, weighted } from '../src/rng.ts';
import { Stats } from '../src/stats.ts';

test('defaults target the local service at a gentle rate, without faults', () => {
  const c = loadConfig({});
  assert.equal(c.target, 'http://127.0.0.1:8080');
  assert.equal(c.rate, 10);
  assert.equal(c.fault, 'none');
  assert.equal(c.durationSeconds, 0);
  assert.equal(c.invalidShare, 0.03);
});

test('reads the environment, and reports every mistake at once', () => {
  const c = loadConfig({ TARGET: 'http://compute:8080/', RATE: '50', FAULT: 'slow', DURATION: '60' });
  assert.equal(c.target, 'http://compute:8080');
  assert.equal(c.rate, 50);
  assert.equal(c.fault, 'slow');
  assert.equal(c.faultShare, 0.05);
  assert.equal(loadConfig({ FAULT: 'errors' }).faultShare, 0.2);
  assert.throws(
    () => loadConfig({ TARGET: 'ftp://x', RATE: '-1', FAULT: 'chaos', INVALID_SHARE: '2' }),
    (err: Error) => ['TARGET', 'RATE', 'FAULT', 'INVALID_SHARE'].every((name) => err.message.includes(name)),
  );
});

test('price series look like quotes', () => {
  const s = priceSeries(createRng(1), 10_000);
  assert.equal(s.length, 10_000);
  assert.ok(s.every((v) => v >= 0.01 && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6));
  const moves = Array.from(s.subarray(1), (v, i) => Math.abs(v / s[i]! - 1));
  assert.ok(Math.max(...moves) < 0.06, 'no jump beyond 4.5% plus rounding');
});

test('weighted picks follow the weights', () => {
  const rng = createRng(9);
  const counts = { a: 0, b: 0 };
  for (let i = 0; i < 10_000; i++) counts[weighted(rng, { a: 1, b: 3 })]++;
  assert.ok(Math.abs(counts.b / 10_000 - 0.75) < 0.02);
});

test('stats count unexpected answers and reset on flush', () => {
  const s = new Stats();
  s.sent = 3;
  s.record('indicator-json', 200, '2xx', 0.01);
  s.record('indicator-json', 500, '2xx', 0.02);
  s.record('invalid', 200, '4xx', 0.03);
  const out = s.flush();
  assert.deepEqual(out.answers, { '2xx': 2, '5xx': 1 });
  assert.equal(out.unexpected, 2);
  assert.equal(s.flush().sent, 0);
});

test('the API token comes from API_TOKEN or the first line of API_TOKEN_FILE', () => {
  assert.equal(loadConfig({}).apiToken, undefined);
  assert.equal(loadConfig({ API_TOKEN: ' s3cret-token-0123456789 ' }).apiToken, 's3cret-token-0123456789');
  const dir = mkdtempSync(join(tmpdir(), 'loadgen-'));
  const file = join(dir, 'token');
  writeFileSync(file, 'from-a-file-0123456789 demo-loadgen\nignored\n');
  assert.equal(loadConfig({ API_TOKEN_FILE: file }).apiToken, 'from-a-file-0123456789');
  assert.throws(() => loadConfig({ API_TOKEN_FILE: join(dir, 'missing') }), /API_TOKEN_FILE .* cannot be read/);
  rmSync(dir, { recursive: true });
});
