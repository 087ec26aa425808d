// The fast JSON path's number module against V8's own JSON, in-process (issue 20): ns per value to
// format a response's doubles and to parse a request's numbers, for 1,000 and 100,000 values.
//   formatting: the SMA(20) of a price walk (full-precision averages of 14 to 17 significant
//               digits, most of them 16) by formatJsonArray, and by JSON.stringify of the same
//               values as a JS array (nulls in the lookback, as the generic path writes them);
//   parsing:    the price walk's JSON array text (as clients send it) by BodyNumbers, and by
//               JSON.parse of the same bytes (UTF-8 decoding included, as the generic path does).
// Interleaved rounds, garbage collection paid by each contender (lib/interleave.ts). Then, where g++ is
// installed, the same values by native C++ (native/json-numbers.cc: libstdc++'s to_chars and
// from_chars at -O3 -march=native), a lower bound for what any number code costs. Console only.
// `npm run bench:numbers -w @chitti/bench` [-- --quick]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compute } from '@chitti/kernels';
import { BodyNumbers, formatJsonArray } from '../services/compute/src/json-fast/numbers.ts';
import { interleaved } from './lib/interleave.ts';
import { load } from './lib/machine.ts';
import { priceSeries } from './lib/series.ts';

const quick = process.argv.includes('--quick');
const timing = quick ? { sampleMs: 2, rounds: 3, warmupMs: 10 } : { sampleMs: 10, rounds: 7, warmupMs: 40 };

console.log(`load ${load().join(' / ')}`);
const dir = mkdtempSync(join(tmpdir(), 'chitti-numbers-'));
const native = compileNative();
if (typeof native !== 'string') console.log(`native C++ comparison did not run: ${native.reason}`);

for (const n of [1_000, 100_000]) {
  const close = priceSeries(n, 1);
  const sma = compute('sma', { close }, { period: 20 }).outputs.sma!;
  const asArray = Array.from(sma, (v) => (Number.isFinite(v) ? v : null));
  const text = Buffer.from(JSON.stringify(Array.from(close)));
  if (formatJsonArray(sma) !== JSON.stringify(asArray)) throw new Error('the module does not write what JSON.stringify writes');
  const parsed = new BodyNumbers(text).array(1);
  if (!parsed || parsed.some((v, i) => v !== close[i])) throw new Error('the module does not read what JSON.parse reads');
  const { timings } = interleaved(
    [
      { name: 'format: number module', fn: () => formatJsonArray(sma) },
      { name: 'format: JSON.stringify', fn: () => JSON.stringify(asArray) },
      { name: 'parse: number module', fn: () => new BodyNumbers(text).array(1) },
      { name: 'parse: JSON.parse', fn: () => JSON.parse(text.toString()) },
    ],
    n,
    timing,
  );
  const line = [...timings].map(([name, t]) => `${name} ${t.median.toFixed(1)}`).join(' | ');
  console.log(`n=${n} ns per value: ${line}`);
  if (typeof native === 'string') console.log(`n=${n} ns per value: ${runNative(native, n, sma, text, formatJsonArray(sma))}`);
}
rmSync(dir, { recursive: true, force: true });

/** The native program's path, or why it could not be built. */
function compileNative(): string | { reason: string } {
  const exe = join(dir, 'json-numbers');
  try {
    execFileSync('g++', ['-O3', '-march=native', '-std=c++17', '-o', exe, new URL('native/json-numbers.cc', import.meta.url).pathname], { stdio: 'pipe' });
    return exe;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { reason: e.code === 'ENOENT' ? 'g++ is not installed' : `g++ failed: ${String(e.message).split('\n')[0]}` };
  }
}

function runNative(exe: string, n: number, values: Float64Array, text: Buffer, moduleText: string): string {
  const valuesFile = join(dir, `values-${n}.f64`);
  const textFile = join(dir, `text-${n}.json`);
  const outFile = join(dir, `out-${n}.json`);
  writeFileSync(valuesFile, values);
  writeFileSync(textFile, text);
  const out = execFileSync(exe, [valuesFile, textFile, String(timing.rounds), outFile], { encoding: 'utf8' });
  const same = readFileSync(outFile, 'latin1') === moduleText ? 'same text as the module' : 'text differs from the module\'s';
  const [, format, parse] = /format ([\d.]+) parse ([\d.]+)/.exec(out)!;
  return `format: native C++ to_chars ${format} | parse: native C++ from_chars ${parse} (${same})`;
}
