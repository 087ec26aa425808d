// Generates the candlestick kernels (scripts/patterns.ts), the indicator lists and INDICATORS.md, then compiles the AssemblyScript kernels to build/kernels.wasm.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const kernelsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(kernelsDir, 'scripts/patterns.ts')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(kernelsDir, 'scripts/generate.ts')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(kernelsDir, 'scripts/docs.ts')], { stdio: 'inherit' });
const asc = join(dirname(createRequire(import.meta.url).resolve('assemblyscript/package.json')), 'bin/asc.js');
execFileSync(process.execPath, [asc, 'assembly/index.ts', '--config', 'asconfig.json'], { cwd: kernelsDir, stdio: 'inherit' });
console.log('built kernels/build/kernels.wasm');
