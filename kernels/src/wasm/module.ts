import { readFileSync } from 'node:fs';
import { LinearMemory } from './memory.ts';

/** The smallest module using a v128 instruction: validates only where WebAssembly SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** A kernel: void, or (a `_checked` kernel) 1 when every input value was finite. */
export type KernelExport = (...args: number[]) => number | undefined;

export interface WasmKernels {
  exports: Record<string, KernelExport | undefined>;
  memory: LinearMemory;
}

export type KernelKind = 'wasm-simd' | 'typescript';

export interface KernelStatus {
  /** Which implementation `compute` uses. */
  kernel: KernelKind;
  /** Whether this runtime supports WebAssembly SIMD. */
  simd: boolean;
  /** Why the TypeScript reference is in use, when it is. */
  reason?: string;
}

export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

const WASM_FILE = new URL('../../build/kernels.wasm', import.meta.url);

/**
 * Loads the kernels synchronously at import time. Selection: CHITTI_KERNEL=typescript forces the
 * reference kernels; otherwise WebAssembly SIMD when the runtime supports it and the module loads.
 * A fallback is announced with a process warning (code CHITTI_KERNEL_FALLBACK), never silently.
 */
export function loadKernels(): { wasm: WasmKernels | undefined; status: KernelStatus } {
  const simd = simdSupported();
  const forced = process.env.CHITTI_KERNEL;
  if (forced === 'typescript' || forced === 'js') {
    return { wasm: undefined, status: { kernel: 'typescript', simd, reason: `CHITTI_KERNEL=${forced}` } };
  }
  let reason: string;
  if (!simd) {
    reason = 'this runtime does not support WebAssembly SIMD';
  } else {
    try {
      const module = new WebAssembly.Module(readFileSync(WASM_FILE));
      const instance = new WebAssembly.Instance(module, { env: { abort: wasmAbort } });
      const exports = instance.exports as Record<string, unknown>;
      const memory = exports.memory as WebAssembly.Memory;
      const heapBase = (exports.heapBase as () => number)();
      return {
        wasm: { exports: exports as Record<string, KernelExport | undefined>, memory: new LinearMemory(memory, heapBase) },
        status: { kernel: 'wasm-simd', simd },
      };
    } catch (err) {
      reason = `the WebAssembly kernels failed to load: ${(err as Error).message}`;
    }
  }
  process.emitWarning(`Chitti kernels: using the TypeScript reference kernels because ${reason}`, {
    code: 'CHITTI_KERNEL_FALLBACK',
  });
  return { wasm: undefined, status: { kernel: 'typescript', simd, reason } };
}

function wasmAbort(): never {
  throw new Error('WebAssembly kernel aborted');
}
