import { Buffer } from 'node:buffer';

/**
 * Backing memory for fresh outputs: small calls' outputs are views of pooled slabs, as Node's Buffer
 * pool does. A fresh Float64Array costs a zeroed allocation and the garbage collections it drives
 * (about 1 µs each at a few hundred values), more than the kernel; a view of a slab costs a few tens
 * of nanoseconds. Consequences, documented for
 * users: an output's `.buffer` may be shared with other results (use `.slice()` for a private
 * buffer), and bytes of that buffer outside the view are unspecified. Memory is never handed out
 * before the kernel or the copy has written every element of the view.
 */
const SLAB_BYTES = 64 * 1024;
/** Calls needing at most this many bytes for all their outputs share a slab; larger ones get their own buffer. */
export const POOLED_MAX_BYTES = SLAB_BYTES / 8;

let slab: ArrayBuffer = uninitialised(SLAB_BYTES);
let slabUsed = 0;

/** An ArrayBuffer of `bytes` bytes, not zero-filled (every byte handed out is written before use). */
function uninitialised(bytes: number): ArrayBuffer {
  return Buffer.allocUnsafeSlow(bytes).buffer as ArrayBuffer;
}

/**
 * `count` fresh arrays of `n` doubles, into `into[0 .. count)`. Small calls: views of one pooled block,
 * back to back, and the block's view is returned (for one copy). Large ones: a buffer per array, not
 * zero-filled (glibc serves repeated allocations up to its 32 MiB mmap threshold from memory already
 * mapped, which one buffer for several large outputs would exceed; measured: 3 buffers of 8 MB written
 * through cost a third of one of 24 MB, and half of three zeroed Float64Arrays); undefined is returned.
 * `into` is the caller's to reuse: no array or result object is allocated per call.
 */
export function freshArrays(count: number, n: number, into: Float64Array[]): Float64Array | undefined {
  const bytes = count * n * 8;
  if (bytes > POOLED_MAX_BYTES) {
    for (let k = 0; k < count; k++) into[k] = new Float64Array(uninitialised(Math.max(n * 8, 8)), 0, n);
    return undefined;
  }
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = uninitialised(SLAB_BYTES);
    slabUsed = 0;
  }
  const offset = slabUsed;
  // Keep every block 16-byte aligned (a Float64Array needs 8).
  slabUsed += (bytes + 15) & ~15;
  const region = new Float64Array(slab, offset, count * n);
  if (count === 1) into[0] = region;
  else for (let k = 0; k < count; k++) into[k] = new Float64Array(slab, offset + k * n * 8, n);
  return region;
}
