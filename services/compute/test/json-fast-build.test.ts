/**
 * The committed WebAssembly of the fast JSON path (src/json-fast/numbers.wasm.ts) is what its
 * AssemblyScript sources compile to: a source change without `npm run build:json-wasm -w
 * @chitti/compute` fails here instead of shipping the old module.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, moduleSource } from '../src/json-fast/build.ts';
import { NUMBERS_WASM_BASE64 } from '../src/json-fast/numbers.wasm.ts';

test('numbers.wasm.ts is the compiled wasm/*.as.ts', () => {
  const bytes = compile();
  assert.equal(moduleSource(bytes).length > 0, true);
  assert.ok(Buffer.from(NUMBERS_WASM_BASE64, 'base64').equals(bytes), 'numbers.wasm.ts is stale: run npm run build:json-wasm -w @chitti/compute');
});
