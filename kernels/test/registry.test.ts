// The registry is the single source: generated files are current, every definition is complete and
// has its kernels, and its TA-Lib mapping matches TA-Lib's own metadata.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generatedFiles, indicatorFolders } from '../scripts/generate.ts';
import { renderDocs } from '../scripts/docs.ts';
import { indicators } from '../src/index.ts';
import { talib, talibOptInputs } from './helpers/oracle.ts';

const kernelsDir = new URL('..', import.meta.url);

test('generated lists are current (run npm run build after adding an indicator)', () => {
  for (const [rel, content] of Object.entries(generatedFiles())) {
    assert.equal(readFileSync(new URL(rel, kernelsDir), 'utf8'), content, `kernels/${rel} is stale`);
  }
});

test('INDICATORS.md is current', () => {
  assert.equal(readFileSync(new URL('INDICATORS.md', kernelsDir), 'utf8'), renderDocs());
});

test('every indicator folder is registered, sorted by id, ids unique', () => {
  assert.deepEqual(indicators.map((d) => d.id), indicatorFolders());
});

test('every definition has a WebAssembly kernel export (and a panel export when it says so)', async () => {
  const bytes = readFileSync(new URL('build/kernels.wasm', kernelsDir));
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  for (const def of indicators) {
    assert.ok(exports.includes(def.id), `${def.id} kernel exported`);
    assert.equal(exports.includes(`${def.id}_panel`), def.simdPanel, `${def.id}_panel exported iff simdPanel`);
  }
});

test("each TA-Lib mapping covers TA-Lib's optional inputs, defaults agree, outputs line up", () => {
  for (const def of indicators.filter((d) => d.talib)) {
    const info = talib.explain(def.talib!.name) as unknown as {
      optInputs: { name: string; defaultValue: number }[];
      outputs: { name: string }[];
    };
    assert.equal(info.outputs.length, def.outputs.length, `${def.id}: output count`);
    assert.equal(info.optInputs.length, def.talib!.params.length, `${def.id}: one mapping entry per TA-Lib optional input`);
    info.optInputs.forEach((opt, i) => {
      const ours = def.talib!.params[i]!;
      if (typeof ours === 'number') return;
      const param = def.params.find((p) => p.name === ours)!;
      assert.equal(param.default, opt.defaultValue, `${def.id}.${ours} default equals TA-Lib's ${opt.name}`);
    });
  }
});

test('lookbacks agree with TA-Lib at the parameter bounds', () => {
  for (const def of indicators.filter((d) => d.talib)) {
    for (const p of def.params) {
      for (const v of [p.min, p.max]) {
        const params = Object.fromEntries(def.params.map((q) => [q.name, q.name === p.name ? v : q.default!]));
        const n = def.lookback(params) + 2;
        const series = Array.from({ length: n }, (_, i) => 100 + Math.sin(i));
        const args: Record<string, unknown> = { name: def.talib!.name, startIdx: 0, endIdx: n - 1, inReal: series, inReal0: series, inReal1: series, inPeriods: series, high: series, low: series, close: series, volume: series, open: series };
        Object.assign(args, talibOptInputs(def, params));
        const res = talib.execute(args);
        assert.equal(res.begIndex, def.lookback(params), `${def.id} ${JSON.stringify(params)}`);
      }
    }
  }
});
